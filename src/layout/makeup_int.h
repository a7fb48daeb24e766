/* makeup_int.h — what makeup.c (legs, results, flow, check) and
 * modular.c (newspaper pages) share.  Not used outside src/layout/. */
#ifndef WARTA_MAKEUP_INT_H
#define WARTA_MAKEUP_INT_H

#include "layout/makeup.h"

/* A new module (zeroed, no jumps) or page of section, at the end; NULL
 * when out of memory. */
struct mk_module *mk_add_module(struct mk_vec *v);
struct mk_page *mk_add_page(struct mk_vec *v, int section);
/* The longest of k legs. */
int mk_max_leg(const int *legs, int k);
/* 1 when the parameters and the articles can be made up; 1 when article
 * a can come after one of section prev_section. */
int mk_params_ok(const struct mk_article *a, int n, const struct mk_params *p);
int mk_article_ok(const struct mk_article *a, int prev_section, const struct mk_params *p);

#endif
