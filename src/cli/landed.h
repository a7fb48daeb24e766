/* landed.h — which pipeline stages this tree has so far.  The command line is
 * written against every stage's header; a stage that has not been merged yet
 * is compiled out and asking for its format is a usage error that says so.
 * Each flag goes to 1 (and its checks away) in the merge that brings the stage;
 * -DWARTA_HAVE_X=1 builds against a stage from elsewhere. */
#ifndef WARTA_LANDED_H
#define WARTA_LANDED_H

#ifndef WARTA_HAVE_PRINT
#define WARTA_HAVE_PRINT  1   /* src/render (warta_render) with its line breaker (src/layout: lb_break, warta_hyphenate) */
#endif

#endif
