-- 018_languages.sql: languages and currencies (cgi-src/i18n.h)
-- A user's saved language ('en', 'es'; NULL: not chosen, the picker cookie or the browser decides); the
-- enrollment's language, the one the primary contact used in the wizard, in which its emails go out; each
-- mail's language as it was written; the currency of offers and of the orders placed at their prices.
ALTER TABLE users ADD COLUMN language VARCHAR(8) NULL;
ALTER TABLE enrollment_wizards ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT 'en';
ALTER TABLE enrollment_applications ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT 'en';
ALTER TABLE mail_outbox ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT 'en';
ALTER TABLE offers ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'USD';
ALTER TABLE orders ADD COLUMN currency CHAR(3) NOT NULL DEFAULT 'USD';
