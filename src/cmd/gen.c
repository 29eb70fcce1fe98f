/* duikou gen --scale S|M|L: a new database holding a synthetic world
 * (src/demo/synth.c) for benchmarks, in one transaction like `demo`; with
 * --csv DIR also every kind's records as import CSV files. A progress line
 * on a terminal, nothing in pipes. */
#include "cmd/cmd.h"
#include "demo/synth.h"
#include "io/transfer.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct gen_args {
	const struct synth_size *size;
	uint64_t seed;
	bool tty;
};

static void progress(void *ctx, const char *what, long done, long total)
{
	(void)ctx;
	fprintf(stderr, "\r  %-17s %10ld / %ld (%ld%%)", what, done, total, total ? done * 100 / total : 100);
	if (done == total)
		fputc('\n', stderr);
}

/* Pages of SQLite's cache while gen builds: 1 GiB instead of the 8 MiB
 * every connection gets, so that at scale L the indexes being filled stay
 * in memory instead of being read back from disk for every row. */
#define GEN_CACHE_KIB 1048576

static int build(db *d, void *arg, err *e)
{
	struct gen_args *a = arg;
	if (strcmp(db_dialect(d), "sqlite") == 0) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", GEN_CACHE_KIB);
		if (db_exec_script(d, pragma, e))
			return -1;
	}
	return synth_build(d, a->size, a->seed, a->tty ? progress : NULL, NULL, e);
}

/* Every kind's export into DIR/KIND.csv, each written to a temporary file
 * first and renamed, so no half-written CSV is left under its name. */
static int write_csvs(db *d, const char *dir, err *e)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return err_add(e, EXIT_SYSTEM, "%s: cannot create the folder: %s", dir, strerror(errno));
	for (size_t i = 0; i < kinds_count; i++) {
		buf out = BUF_INIT, path = BUF_INIT, tmp = BUF_INIT;
		buf_printf(&path, "%s/%s.csv", dir, kinds[i].name);
		buf_printf(&tmp, "%s.tmp", buf_str(&path));
		int rc = export_kind(d, &kinds[i], EXPORT_CSV, &out, e);
		if (!rc) {
			FILE *f = fopen(buf_str(&tmp), "wb");
			if (!f || fwrite(out.s, 1, out.len, f) != out.len || fclose(f) != 0 ||
			    rename(buf_str(&tmp), buf_str(&path)) != 0) {
				rc = err_add(e, EXIT_SYSTEM, "%s: cannot write: %s", buf_str(&path),
				             strerror(errno));
				unlink(buf_str(&tmp));
			}
		}
		buf_free(&out);
		buf_free(&path);
		buf_free(&tmp);
		if (rc)
			return -1;
		printf("  %s/%s.csv\n", dir, kinds[i].name);
	}
	return 0;
}

int cmd_gen(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct gen_args a = {.seed = 1, .tty = isatty(STDERR_FILENO)};
	const char *scale = NULL, *csv = NULL;
	bool force = false;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--force") == 0) {
			force = true;
		} else if (strcmp(argv[i], "--scale") == 0 && v) {
			scale = v;
			i++;
		} else if (strcmp(argv[i], "--csv") == 0 && v) {
			csv = v;
			i++;
		} else if (strcmp(argv[i], "--seed") == 0 && v) {
			char *end;
			errno = 0;
			unsigned long long n = strtoull(v, &end, 10);
			if (errno || *end || !*v || v[0] == '-') {
				fprintf(stderr, "duikou gen: --seed '%s' is not a whole number >= 0\n", v);
				return EXIT_USAGE;
			}
			a.seed = n;
			i++;
		} else {
			fprintf(stderr, "duikou gen: unexpected argument '%s'\n", argv[i]);
			cmd_usage("gen", stderr);
			return EXIT_USAGE;
		}
	}
	if (!scale) {
		fprintf(stderr, "duikou gen: give the size with --scale: %s\n", synth_sizes_text);
		return EXIT_USAGE;
	}
	a.size = synth_size(scale);
	if (!a.size) {
		fprintf(stderr, "duikou gen: unknown scale '%s' (one of %s)\n", scale, synth_sizes_text);
		return EXIT_USAGE;
	}
	char what[96];
	snprintf(what, sizeof what, "synthetic world %s (seed %llu) created (合成数据)", a.size->name,
	         (unsigned long long)a.seed);
	db *d = NULL;
	int status = cmd_build_world(ctx, force, build, &a, what, csv ? &d : NULL);
	if (status != EXIT_OK || !csv)
		return status;
	err e;
	err_init(&e);
	if (write_csvs(d, csv, &e))
		status = cmd_fail(&e);
	err_free(&e);
	db_close(d);
	return status;
}
