# The test suite on PostgreSQL: a fixture that starts a throwaway cluster
# (scripts/pg-cluster.sh) before the first _pg test and stops it after the
# last, also when tests fail, and duikou_add_pg_test() to register a test a
# second time against it. A _pg test runs with DUIKOU_TEST_PG set to the
# cluster's base URL; the tests' helpers (tests/cli/lib.sh db_url,
# tests/unit/testdb.h, tests/browser/harness.mjs) then make a fresh database
# for each database they use.
#
# DUIKOU_PG_TESTS: AUTO (default) registers them when the PostgreSQL server
# binaries are installed and the build has the PostgreSQL backend
# (src/store/pg.c); ON registers them whenever the binaries are there (to
# try the harness); OFF never.
set(DUIKOU_PG_TESTS AUTO CACHE STRING "run the tests on PostgreSQL too: AUTO, ON or OFF")
set_property(CACHE DUIKOU_PG_TESTS PROPERTY STRINGS AUTO ON OFF)

file(GLOB _pg_initdb /usr/lib/postgresql/*/bin/initdb)
find_program(PSQL_EXECUTABLE psql)
set(_pg_have_binaries OFF)
if(_pg_initdb AND PSQL_EXECUTABLE)
  set(_pg_have_binaries ON)
endif()

set(DUIKOU_PG_TESTS_ON OFF)
if(DUIKOU_PG_TESTS STREQUAL "ON")
  if(NOT _pg_have_binaries)
    message(FATAL_ERROR "DUIKOU_PG_TESTS=ON needs initdb and psql: run scripts/deps.sh")
  endif()
  set(DUIKOU_PG_TESTS_ON ON)
elseif(DUIKOU_PG_TESTS STREQUAL "AUTO")
  if(_pg_have_binaries AND EXISTS ${CMAKE_SOURCE_DIR}/src/store/pg.c)
    set(DUIKOU_PG_TESTS_ON ON)
  endif()
endif()
message(STATUS "tests on PostgreSQL: ${DUIKOU_PG_TESTS_ON} (DUIKOU_PG_TESTS=${DUIKOU_PG_TESTS})")

if(DUIKOU_PG_TESTS_ON)
  # One cluster per build folder, under /tmp with a short name: the socket
  # path must stay under 107 bytes wherever the build folder is.
  string(MD5 _pg_hash "${CMAKE_BINARY_DIR}")
  string(SUBSTRING "${_pg_hash}" 0 10 _pg_hash)
  set(DUIKOU_PG_DIR /tmp/duikou-pg-${_pg_hash})
  set(_pg_script ${CMAKE_SOURCE_DIR}/scripts/pg-cluster.sh)
  add_test(NAME pg_cluster_start COMMAND bash ${_pg_script} start ${DUIKOU_PG_DIR})
  add_test(NAME pg_cluster_stop COMMAND bash ${_pg_script} stop ${DUIKOU_PG_DIR})
  set_tests_properties(pg_cluster_start PROPERTIES FIXTURES_SETUP pg_cluster TIMEOUT 120)
  set_tests_properties(pg_cluster_stop PROPERTIES FIXTURES_CLEANUP pg_cluster TIMEOUT 120)
endif()

# duikou_add_pg_test(NAME ENV COMMAND...): NAME_pg runs COMMAND with the
# environment ENV (a ;-list of VAR=VALUE) and DUIKOU_TEST_PG, inside the
# pg_cluster fixture. Does nothing when the PostgreSQL tests are off.
function(duikou_add_pg_test name env)
  if(NOT DUIKOU_PG_TESTS_ON)
    return()
  endif()
  add_test(NAME ${name}_pg COMMAND bash ${_pg_script} exec ${DUIKOU_PG_DIR} ${ARGN})
  set_tests_properties(${name}_pg PROPERTIES FIXTURES_REQUIRED pg_cluster LABELS pg)
  if(env)
    set_tests_properties(${name}_pg PROPERTIES ENVIRONMENT "${env}")
  endif()
endfunction()
