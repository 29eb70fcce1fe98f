/* Role names and the command line's actor. */
#include "model/actor.h"
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const names[ROLE_COUNT] = {"admin", "municipal", "county", "supporter", "viewer"};

const char *role_name(enum role r)
{
	return r >= 0 && r < ROLE_COUNT ? names[r] : "?";
}

bool role_parse(const char *name, enum role *out)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (name && strcmp(name, names[i]) == 0) {
			*out = (enum role)i;
			return true;
		}
	return false;
}

bool role_needs_scope(enum role r)
{
	return r == ROLE_COUNTY || r == ROLE_SUPPORTER;
}

void actor_cli(struct actor *a, char *name, unsigned size)
{
	const struct passwd *pw = getpwuid(geteuid());
	if (pw && pw->pw_name && pw->pw_name[0])
		snprintf(name, size, "cli:%s", pw->pw_name);
	else
		snprintf(name, size, "cli:%u", (unsigned)geteuid());
	a->user = name;
	a->role = ROLE_ADMIN;
	a->scope = "";
	a->via = "cli";
}
