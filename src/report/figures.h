/* The figures of the reports, computed from the records once and shared by
 * every rendering (text, Markdown, HTML, JSON) and by the annual and signed
 * reports alike. Definitions: docs/reports.md. */
#ifndef DUIKOU_REPORT_FIGURES_H
#define DUIKOU_REPORT_FIGURES_H
#include "core/num.h"
#include "model/codes.h"
#include "report/plan_exec.h"
#include "store/db.h"
#include <stdbool.h>
#include <stdint.h>
#include <jansson.h>

#define LABOUR_MODES  5
#define SERVICE_MODES 3
#define PLAN_STATES   5 /* the plan_state list: draft … returned */

/* A growable list of owned strings. */
struct strlist {
	char **v;
	size_t n, cap;
};
void strlist_add(struct strlist *l, const char *s);
bool strlist_has(const struct strlist *l, const char *s);
void strlist_free(struct strlist *l);

/* A division's names: full and short, in both languages. */
struct place {
	char *code;
	char *zh, *en;             /* full names ("" when unknown) */
	char *short_zh, *short_en; /* names_short of each */
};
void place_free(struct place *p);
const char *place_short(const struct place *p, enum lang lang);

/* One project signed at a conference of the year, as of Y-12-31. */
struct signed_row {
	char *code, *name, *category;
	struct place county, supporter;
	char *conference; /* conference name */
	int status;       /* enum status_code */
	int64_t fund_supporter, fund_recipient;
	bool has_jobs;
	int64_t jobs;
	bool has_total, has_contract, has_private;
	int64_t total_investment, contract_amount, private_amount;
	int tier;                        /* 1..3, 0 when the industry code is unknown */
	char section;                    /* 'A'..'T', 0 when unknown */
	char *industry_zh, *industry_en; /* division (or section) name */
	char *leader, *team, *service_mode, *policy_note;
	bool green_channel;
};

struct conference_ref {
	char *name;
	struct place place; /* the place resolved to a division, else its text */
};

struct signed_figs {
	int year;
	struct signed_row *rows;
	size_t n;
	struct conference_ref *confs; /* conferences of P dated in Y */
	size_t nconfs;
	int64_t funds_total, funds_supporter, funds_recipient;
	int64_t status[ST_COUNT];
	int64_t jobs;
	int64_t large;
	int64_t contract_amount, private_amount;
	bool tiers[4];     /* tiers[1..3] */
	char sections[27]; /* sorted distinct letters, NUL-terminated */
	struct strlist industries_zh, industries_en;
	int64_t with_leader, with_team, with_policy, green_channel;
	int64_t service[SERVICE_MODES];
	int64_t economic;      /* how many are economic projects */
	int64_t funds_in_kind; /* of funds_total, receipts of source type in_kind (物资折款) */
};

/* The cumulative figures (累计) of a program from its first year through
 * Y-12-31 (issue 10; report/cumulative.c, docs/reports.md). */
struct cum_measures {
	int64_t funds, funds_in_kind, welfare;      /* receipts dated in the window */
	int64_t projects, economic, public_welfare; /* projects signed in the window */
	int64_t operating;                          /* projects brought to operation in it */
	int64_t labour;                             /* labour-export headcount */
	int64_t trainees, wealth_leaders, cadres;   /* training headcount: all, two kinds */
};
struct cumulative {
	int since;            /* the program's first year: programs.start_year, or an earlier record's year */
	int first_record;     /* the year of the program's earliest record (0 when none) */
	int through;          /* Y: the year of through_day */
	char through_day[11]; /* the last day counted: Y-12-31, or a plan's as-of day */
	struct cum_measures year, total; /* Y-01-01 … through_day; since-01-01 … through_day */
};

struct annual_figs {
	int year;
	char *program, *program_zh, *program_en;
	struct place region; /* province of most recipients */
	bool demo;
	int64_t active, new_projects, continuing;
	int64_t funds, funds_prev, welfare, welfare_prev;
	int64_t labour, labour_mode[LABOUR_MODES];
	bool has_fair; /* the largest recruitment-fair batch */
	struct place fair_county;
	int64_t fair_headcount;
	char *fair_date;
	int64_t wealth_leaders, cadres, hosts;
	int64_t courses, short_courses; /* wealth-leader records; those of <= 15 days */
	struct strlist topics;
	struct signed_figs sg;
	/* plans_approved: acknowledged by the supporter (认可: workflow state
	 * acknowledged or approved); plans_approved_municipal: state approved */
	int64_t plans, plans_approved, plans_approved_municipal;
	int64_t plans_by_state[PLAN_STATES]; /* in the order of the plan_state list */
	int64_t target_projects, target_funds, target_labour, target_training;
	int plan_start, plan_end; /* the span of those plans, 0 when none */
	bool focus[5];            /* focus areas named by those plans */
	int64_t visits_to_recipient, visits_to_supporter;
	struct plan_summary exec; /* plan execution of the span plan_start-plan_end as of Y-12-31 */
	struct place *visitors;   /* supporters that came, by first visit */
	size_t nvisitors;
	struct place *visited_from; /* counties whose leaders went */
	size_t nvisited_from;
	int64_t funds_in_kind, funds_in_kind_prev; /* of funds, funds_prev: source type in_kind */
	struct cumulative cum;
};

/* The status of project p on the day DAY (a parameter such as "$1"): the
 * latest of its history entries on or before DAY and of the (status,
 * status_date) on the project row itself, which import also adds to the
 * history, so a project written without history rows still has its one
 * known status; on a tie the history's. NULL before the first. One probe
 * of the history's (project_code, date) key per project: a union of the
 * two as a table would be read whole for every project. */
#define STATUS_ON(day)                                                                                       \
	"COALESCE((SELECT h.status FROM status_history h WHERE h.project_code = p.code AND h.date <= " day   \
	"  AND h.date >= COALESCE(CASE WHEN p.status_date <= " day " THEN p.status_date END, '')"            \
	"  ORDER BY h.date DESC LIMIT 1), CASE WHEN p.status_date <= " day " THEN p.status END)"

/* "Y-01-01" and "Y-12-31" */
void figures_year_bounds(int year, char start[11], char end[11]);

/* Checks that PROGRAM exists (EXIT_INVALID otherwise) and fills its names. */
int figures_program(db *d, const char *program, char **zh, char **en, err *e);
/* meta demo = '1' */
int figures_is_demo(db *d, bool *demo, err *e);
/* Loads the division CODE into P (names stay "" when it is unknown). */
int figures_place(db *d, const char *code, struct place *p, err *e);

/* The in-kind parts (物资折款) of A's funds and signed funds and A's
 * cumulative block (report/cumulative.c); figures_annual calls it. */
int figures_cumulative(db *d, int year, const char *program, struct annual_figs *a, err *e);
/* The cumulative figures of PROGRAM (report/cumulative.c), the one
 * computation behind every report's 累计: since the program's first year
 * through THROUGH ("YYYY-MM-DD"; NULL: YEAR-12-31) in C->total and, when
 * YEAR is not 0, from THROUGH's year's 1 January in C->year. With COUNTY
 * not NULL, that county's records only: projects (and their receipts and
 * operation) of that recipient, labour and training of that origin.
 * C->since (with C->first_record) is read from the records when it is 0,
 * else kept: zero C first; a caller of many counties passes the same C,
 * so the first year is read once. */
int figures_cumulative_of(db *d, const char *program, const char *county, int year, const char *through,
                          struct cumulative *c, err *e);
/* {"funds": {"total", "in_kind", "public_welfare"}, "projects": {…},
 * "labour": {"people"}, "training": {…}} of M. Caller decrefs. */
json_t *figures_cum_measures_json(const struct cum_measures *m);
/* The in-kind part of S's funds (report/cumulative.c). */
int figures_signed_in_kind(db *d, int year, const char *program, struct signed_figs *s, err *e);
/* The JSON block "cumulative" of the annual report. Caller decrefs. */
json_t *figures_cumulative_json(const struct cumulative *c);

int figures_signed(db *d, int year, const char *program, struct signed_figs *s, err *e);
void figures_signed_free(struct signed_figs *s);

int figures_annual(db *d, int year, const char *program, struct annual_figs *a, err *e);
void figures_annual_free(struct annual_figs *a);

/* The JSON object of interchange.md for the signed block (shared by the
 * annual and signed reports). Caller decrefs. */
json_t *figures_signed_json(const struct signed_figs *s);
/* Plan execution of P's plans of exactly A-B as of AS_OF ("YYYY-MM-DD";
 * NULL: the latest record date, see report/plan.c) in total: S->counties
 * is 0 when there is no such plan. */
int figures_plan_summary(db *d, const char *program, int a, int b, const char *as_of, struct plan_summary *s,
                         err *e);

#endif
