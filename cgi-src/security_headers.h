/* security_headers.h: the one list of security headers every response carries: the workers send it
 * on their own answers, and nginx (through the include file the worker writes, see worker_main.c)
 * on its static files and its own error pages */
#ifndef CC_SECURITY_HEADERS_H
#define CC_SECURITY_HEADERS_H

/* X(name, value) for each header */
#define SECURITY_HEADERS(X) \
	X("X-Content-Type-Options", "nosniff") \
	X("X-Frame-Options", "DENY") \
	X("Referrer-Policy", "same-origin") \
	X("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; form-action 'self'; " \
				     "frame-ancestors 'none'; base-uri 'none'")

/* Only when the public site is https (SECURE_COOKIES=1): browsers then refuse plain http for a year. */
#define HSTS_HEADER "Strict-Transport-Security"
#define HSTS_VALUE "max-age=31536000"

#endif
