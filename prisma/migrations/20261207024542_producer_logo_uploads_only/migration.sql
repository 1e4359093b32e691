-- Producer logos are uploads only. A logo given as the address of a picture on another server made
-- every visitor's browser ask that server for it (and told it who looked at which producer). Those
-- addresses are dropped with their column. Uploaded logos (logoStorageKey) stay as they are.
ALTER TABLE "ProducerProfile" DROP COLUMN "logoUrl";
