-- Pantau's database and its one role. Run once as the superuser, with the password that pantau.env will hold:
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v pantau_password="$PANTAU_DB_PASSWORD" -f roles.sql
--
-- One role, owning only the pantau database: no superuser, no CREATEDB, no CREATEROLE. Not a split into a
-- schema owner and a DML-only role: the instances migrate at start (under an advisory lock, one of them at a time),
-- and the first load of the central snapshot sets the registry's indexes and foreign keys aside and puts them back
-- (DDL at run time, src/Pantau.Web/Features/Sync/FirstLoad.cs). A DML-only role would break both.
CREATE ROLE pantau LOGIN PASSWORD :'pantau_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    CONNECTION LIMIT 150;
CREATE DATABASE pantau OWNER pantau ENCODING 'UTF8' TEMPLATE template0;
-- Nobody else connects or creates in it.
REVOKE ALL ON DATABASE pantau FROM PUBLIC;
\connect pantau
ALTER SCHEMA public OWNER TO pantau;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
