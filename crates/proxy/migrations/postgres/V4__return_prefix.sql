-- Where this link's shopper may return to (a URL prefix given at create).
ALTER TABLE links ADD COLUMN return_prefix TEXT;
