/* duikou user: add, list, disable and enable users, set their passwords and
 * API tokens (model/users.h); each change is in the audit trail, made by
 * the command line's actor (actor_cli). Passwords come from standard input, a prompt
 * with echo off, or are generated and printed once; never from the command
 * line, where other users of the machine could read them. */
#include "cmd/cmd.h"
#include "model/users.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PW_BUF (USER_PASSWORD_MAX + 2)

static int usage_error(const char *fmt, const char *what)
{
	fputs("duikou user: ", stderr);
	fprintf(stderr, fmt, what);
	fputc('\n', stderr);
	cmd_usage("user", stderr);
	return EXIT_USAGE;
}

/* One line of F into OUT without its line end; -1 (E) at end of input or
 * when the line is longer than USER_PASSWORD_MAX. */
static int read_line(FILE *f, char out[PW_BUF], err *e)
{
	if (!fgets(out, PW_BUF, f))
		return err_add(e, EXIT_INVALID, "no password on standard input");
	size_t n = strcspn(out, "\r\n");
	if (n > USER_PASSWORD_MAX || (out[n] == 0 && n == PW_BUF - 1))
		return err_add(e, EXIT_INVALID, "the password is longer than %d bytes", USER_PASSWORD_MAX);
	out[n] = 0;
	return 0;
}

/* Asks on the terminal of standard input with echo off. */
static int prompt(const char *question, char out[PW_BUF], err *e)
{
	struct termios old, quiet;
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return err_add(e, EXIT_SYSTEM, "cannot read the terminal: %s", strerror(errno));
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	fputs(question, stderr);
	fflush(stderr);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	int rc = read_line(stdin, out, e);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

enum pw_source { PW_NONE, PW_STDIN, PW_GENERATE };

/* The new password by SRC into PW; the prompt when SRC is PW_NONE and
 * standard input is a terminal. */
static int new_password(enum pw_source src, char pw[PW_BUF], bool *generated, err *e)
{
	*generated = false;
	if (src == PW_GENERATE) {
		user_generate_password(pw);
		*generated = true;
		return 0;
	}
	if (src == PW_STDIN)
		return read_line(stdin, pw, e);
	if (!isatty(STDIN_FILENO))
		return err_add(e, EXIT_USAGE,
		               "no password: standard input is not a terminal; give"
		               " --password-stdin or --generate-password");
	char again[PW_BUF];
	if (prompt("password: ", pw, e) || prompt("password again: ", again, e))
		return -1;
	bool same = strcmp(pw, again) == 0;
	sodium_memzero(again, sizeof again);
	if (!same)
		return err_add(e, EXIT_INVALID, "the two passwords differ");
	return 0;
}

/* Whether ARG is a password option (1, noted in SRC), not one (0), or a
 * second, different one (-1). */
static int password_option(const char *arg, enum pw_source *src)
{
	enum pw_source s = strcmp(arg, "--password-stdin") == 0      ? PW_STDIN
	                   : strcmp(arg, "--generate-password") == 0 ? PW_GENERATE
	                                                             : PW_NONE;
	if (s == PW_NONE)
		return 0;
	if (*src != PW_NONE && *src != s)
		return -1;
	*src = s;
	return 1;
}

/* The command line's actor, for the audit trail; NAME holds its user. */
struct cli_actor {
	struct actor who;
	char name[80];
};

static const struct actor *cli_actor(struct cli_actor *a)
{
	actor_cli(&a->who, a->name, sizeof a->name);
	return &a->who;
}

static int finish(err *e, int rc, db *d)
{
	db_close(d);
	int status = rc ? cmd_fail(e) : EXIT_OK;
	err_free(e);
	return status;
}

static int user_add_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *name = NULL, *role_s = NULL, *scope = "";
	enum pw_source src = PW_NONE;
	for (int i = 2; i < argc; i++) {
		int p = password_option(argv[i], &src);
		if (p < 0)
			return usage_error("%s: give only one of --password-stdin and --generate-password",
			                   "add");
		if (p)
			continue;
		if (strcmp(argv[i], "--role") == 0 || strcmp(argv[i], "--scope") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a value", argv[i]);
			*(argv[i][2] == 'r' ? &role_s : &scope) = argv[i + 1];
			i++;
		} else if (argv[i][0] == '-')
			return usage_error("unknown option '%s'", argv[i]);
		else if (!name)
			name = argv[i];
		else
			return usage_error("unexpected argument '%s'", argv[i]);
	}
	if (!name)
		return usage_error("%s: which user? (user add NAME --role ROLE)", "add");
	enum role role;
	if (!role_s)
		return usage_error("%s: --role is required (admin, municipal, county, supporter, viewer)",
		                   "add");
	if (!role_parse(role_s, &role))
		return usage_error("unknown role '%s' (admin, municipal, county, supporter, viewer)", role_s);
	err e;
	err_init(&e);
	db *d = NULL;
	if (users_init(&e) || cmd_open_db(ctx, &d, &e))
		return finish(&e, -1, d);
	/* check what can be checked before asking for a password */
	if (!user_name_valid(name))
		return finish(
		        &e,
		        err_add(&e, EXIT_INVALID,
		                "'%s' is not a user name (1 to %d letters, digits, '.', '_', '-' or '@')",
		                name, USER_NAME_MAX),
		        d);
	if (user_scope_check(d, role, scope, &e))
		return finish(&e, -1, d);
	char pw[PW_BUF];
	bool generated;
	struct cli_actor who;
	int rc = new_password(src, pw, &generated, &e);
	if (!rc)
		rc = user_add(d, cli_actor(&who), name, role, scope, pw, &e);
	if (!rc) {
		printf("user %s added: %s%s%s\n", name, role_name(role), scope[0] ? " " : "", scope);
		if (generated)
			printf("password: %s\n", pw);
	}
	sodium_memzero(pw, sizeof pw);
	return finish(&e, rc, d);
}

/* The one NAME argument of a subcommand (ARGV[2]), with the password
 * options when PW is not NULL. */
static int name_arg(int argc, char **argv, const char **name, enum pw_source *pw)
{
	*name = NULL;
	for (int i = 2; i < argc; i++) {
		if (pw) {
			int p = password_option(argv[i], pw);
			if (p < 0)
				return usage_error(
				        "%s: give only one of --password-stdin and --generate-password",
				        argv[1]);
			if (p)
				continue;
		}
		if (argv[i][0] == '-')
			return usage_error("unknown option '%s'", argv[i]);
		if (*name)
			return usage_error("unexpected argument '%s'", argv[i]);
		*name = argv[i];
	}
	if (!*name)
		return usage_error("%s: which user?", argv[1]);
	return 0;
}

static int user_passwd_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *name;
	enum pw_source src = PW_NONE;
	int u = name_arg(argc, argv, &name, &src);
	if (u)
		return u;
	err e;
	err_init(&e);
	db *d = NULL;
	struct user usr;
	bool found = false;
	if (users_init(&e) || cmd_open_db(ctx, &d, &e) || user_get(d, name, &usr, &found, &e))
		return finish(&e, -1, d);
	if (!found)
		return finish(&e, err_add(&e, EXIT_INVALID, "no user '%s'", name), d);
	char pw[PW_BUF];
	bool generated;
	struct cli_actor who;
	int rc = new_password(src, pw, &generated, &e);
	if (!rc)
		rc = user_set_password(d, cli_actor(&who), name, pw, &e);
	if (!rc) {
		printf("password of %s changed\n", name);
		if (generated)
			printf("password: %s\n", pw);
	}
	sodium_memzero(pw, sizeof pw);
	return finish(&e, rc, d);
}

static int print_user(const struct user *u, void *arg)
{
	(void)arg;
	printf("%-20s %-10s %-8s %-8s %s\n", u->name, role_name(u->role), u->scope[0] ? u->scope : "-",
	       u->disabled ? "yes" : "no", u->created_at);
	return 0;
}

static int user_list_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc > 2)
		return usage_error("unexpected argument '%s'", argv[2]);
	err e;
	err_init(&e);
	db *d = NULL;
	if (cmd_open_db(ctx, &d, &e))
		return finish(&e, -1, d);
	printf("%-20s %-10s %-8s %-8s %s\n", "name", "role", "scope", "disabled", "created");
	return finish(&e, user_list(d, print_user, NULL, &e), d);
}

static int user_able_cmd(struct cmd_ctx *ctx, int argc, char **argv, bool disable)
{
	const char *name;
	int u = name_arg(argc, argv, &name, NULL);
	if (u)
		return u;
	err e;
	err_init(&e);
	db *d = NULL;
	if (cmd_open_db(ctx, &d, &e))
		return finish(&e, -1, d);
	struct cli_actor who;
	int rc = user_set_disabled(d, cli_actor(&who), name, disable, &e);
	if (!rc)
		printf("user %s %s\n", name, disable ? "disabled (its sessions ended)" : "enabled");
	return finish(&e, rc, d);
}

static int user_token_cmd(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *name;
	int u = name_arg(argc, argv, &name, NULL);
	if (u)
		return u;
	err e;
	err_init(&e);
	db *d = NULL;
	if (users_init(&e) || cmd_open_db(ctx, &d, &e))
		return finish(&e, -1, d);
	char token[USER_SECRET_HEX + 1];
	struct cli_actor who;
	int rc = user_new_token(d, cli_actor(&who), name, token, &e);
	if (!rc) {
		printf("%s\n", token);
		sodium_memzero(token, sizeof token);
	}
	return finish(&e, rc, d);
}

int cmd_user(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "which subcommand? (add, passwd, list, disable, enable, token)");
	const char *sub = argv[1];
	if (strcmp(sub, "add") == 0)
		return user_add_cmd(ctx, argc, argv);
	if (strcmp(sub, "passwd") == 0)
		return user_passwd_cmd(ctx, argc, argv);
	if (strcmp(sub, "list") == 0)
		return user_list_cmd(ctx, argc, argv);
	if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0)
		return user_able_cmd(ctx, argc, argv, sub[0] == 'd');
	if (strcmp(sub, "token") == 0)
		return user_token_cmd(ctx, argc, argv);
	return usage_error("unknown subcommand '%s'", sub);
}
