/* view.h: render a page template inside the shared layout, and the error pages */
#ifndef CC_VIEW_H
#define CC_VIEW_H

#include "db.h"
#include "domain/domain.h"
#include "http.h"
#include "i18n.h"
#include "tpl/tpl.h"

#define LAYOUT_TEMPLATES_STRIP TPL_DO_NOT_STRIP

/* A fresh page dictionary in the request's arena. */
tpl_dict *view_dict(request *r);
/* Render TEMPLATE (a file under templates/) with D inside the layout titled TITLE. */
void view_page(request *r, const char *template_name, const char *title, tpl_dict *d);
/* The messages below are marked for the catalog (N_) and translated where shown (_). */
#define VIEW_BUG_MESSAGE N_("This page failed because of an error in Channel Center. It has been logged for the " \
	"operators; trying again will not help until it is fixed.")
#define VIEW_TIMEOUT_MESSAGE N_("This page took too long to prepare and was stopped. Narrow your search or filter, " \
	"or try again in a minute.")
/* An error page for STATUS with a message a person can act on; a 503 after a programming error in SQL
 * (DB_BUG) becomes a 500 saying so, and a 503 after a statement that ran out of time (DB_TIMEOUT) says
 * that instead of "unavailable". */
void view_error(request *r, int status, const char *message);
/* The message of view_unavailable for a literal WHAT, for an API that takes the message (rights_granted). */
#define VIEW_UNAVAILABLE(what) what " cannot be read right now. Try again in a minute."
/* Its translated form for WHAT (already translated): the 503 message of a page. */
#define VIEW_UNAVAILABLE_FORMAT N_("%s cannot be read right now. Try again in a minute.")
/* VIEW_UNAVAILABLE_FORMAT for WHAT (translated by the caller: _("Your customers")), in the request's arena: the
 * message for APIs that take one (rights_granted). */
const char *view_unavailable_text(request *r, const char *what);
/* The 503 page of a page that could not read WHAT ("Your customers") from the database: VIEW_UNAVAILABLE. */
void view_unavailable(request *r, const char *what);
/* The page of a domain change that did not succeed (O is not OUTCOME_OK): a refusal's status and message, or
 * for a database failure db_answer_failure with UNAVAILABLE. Pages that put a refusal back on their form
 * (OUTCOME_INVALID, OUTCOME_CONFLICT) do so themselves and call this for the rest. */
void view_refusal(request *r, const outcome *o, const char *unavailable);
/* A plain-text answer (health checks). */
void view_text(request *r, int status, const char *text);
/* After the handler: a request it left unanswered (no page, redirect or error) becomes a logged 500 page. */
void view_finish(request *r);
/* After a seek query (see http_seek) that read up to PAGE_SIZE + 1 rows in seek_descending() order: puts
 * ROWS in list order, drops the look-ahead row, and returns the PAGER section with sections FIRST, PREV,
 * NEXT and LAST for the links that lead somewhere (NULL when everything fits on one page; FIRST alone when a
 * cursor led past the end). PREV and NEXT hold CURSOR, built from columns ID_COL and KEY_COL (-1: no key)
 * of the page's first and last rows. The caller sets the other link parameters (the search) on the section
 * returned, or the template reads them above. */
tpl_dict *view_seek_page(tpl_dict *d, const seek *s, db_rows *rows, int page_size, int id_col, int key_col);
/* Append S url-query-escaped to the arena: for building ?next= links. */
const char *view_url_escape(request *r, const char *s);

#endif
