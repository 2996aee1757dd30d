/* enroll.h: what the enrollment wizard (page_enroll.c) shares with verification and status (page_enroll_status.c) */
#ifndef CC_ENROLL_H
#define CC_ENROLL_H

#include "http.h"
#include "i18n.h"
#include "domain/enrollments.h"

#define UNAVAILABLE _(ENROLL_UNAVAILABLE)

/* The application this browser's wizard submitted; 0 when its wizard has none yet, -1 without a wizard. */
long long enroll_wizard_application(request *r);

#endif
