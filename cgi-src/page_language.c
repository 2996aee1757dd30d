/* page_language.c: the language a person reads the portal in: the footer's picker (a cookie, and for a
 * signed-in person their saved choice too) and Account settings > Language */
#include <string.h>

#include "app.h"
#include "auth.h"
#include "domain/tenants.h"
#include "i18n.h"
#include "view.h"

#define LANGUAGE_COOKIE_SECONDS (365 * 24 * 3600)

/* Answer in L from here on, and remember it in the picker's cookie (a year). */
static void speak(request *r, lang l)
{
	r->lang = l;
	i18n_use(l);
	http_set_cookie(r, http_cookie_name(I18N_COOKIE), i18n_code(l), LANGUAGE_COOKIE_SECONDS, "Lax");
}

/* POST /language: the footer's picker, on every page */
void language_pick(request *r)
{
	const char *code = http_form(r, "lang");
	lang l;
	if (!i18n_parse(code, &l)) {
		view_error(r, 400, _("That language is not one the portal speaks. Choose English or Español."));
		return;
	}
	if (r->user) {
		actor who = actor_of(r);
		outcome o = tenants_set_language(r->arena, &who, i18n_code(l));
		if (!outcome_is_ok(&o)) {
			view_refusal(r, &o, _("Your language"));
			return;
		}
	}
	speak(r, l);
	http_redirect(r, http_safe_next(http_form(r, "return_to")));
}

static void language_form_page(request *r, bool saved)
{
	tpl_dict *d = view_dict(r);
	const char *mine = r->user->language;
	for (int l = 0; l < LANG_LISTED; l++) {
		tpl_dict *o = tpl_add_section(d, "LANGUAGE");
		tpl_set(o, "CODE", i18n_code((lang)l));
		tpl_set(o, "NAME", i18n_native_name((lang)l));
		if (!strcmp(mine, i18n_code((lang)l)))
			tpl_show_section(o, "CHECKED");
	}
	if (!*mine)
		tpl_show_section(d, "BROWSER_CHECKED");
	if (saved)
		tpl_show_section(d, "SAVED");
	view_page(r, "account_language.tpl", _("Language"), d);
}

/* GET /account/language */
void language_form(request *r)
{
	language_form_page(r, !strcmp(http_query(r, "saved"), "1"));
}

/* POST /account/language: a language, or "browser" to leave it to the picker and the browser again */
void language_save(request *r)
{
	const char *code = http_form(r, "lang");
	bool browser = !strcmp(code, "browser");
	actor who = actor_of(r);
	outcome o = tenants_set_language(r->arena, &who, browser ? NULL : code);
	if (o.kind == OUTCOME_INVALID) {
		r->refusal = o.message;
		r->status = 400;
		language_form_page(r, false);
		return;
	}
	if (!outcome_is_ok(&o)) {
		view_refusal(r, &o, _("Your language"));
		return;
	}
	lang l;
	if (!browser && i18n_parse(code, &l))
		speak(r, l);
	http_redirect(r, "/account/language?saved=1");
}
