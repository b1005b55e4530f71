import { type Kysely, sql } from 'kysely';

/** Regions, accounts, sessions, audit trail, jobs, files. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE region (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
      name text NOT NULL,
      level text NOT NULL CHECK (level IN ('province', 'city', 'county')),
      parent_code text REFERENCES region (code),
      sort_order integer NOT NULL DEFAULT 0
    );
    CREATE INDEX region_parent_idx ON region (parent_code);

    CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      display_name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('staff', 'institution', 'employer', 'trainee')),
      roles text[] NOT NULL DEFAULT '{}',
      region_code text NOT NULL REFERENCES region (code),
      organization_name text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
      password_hash text NOT NULL,
      password_changed_at timestamptz NOT NULL DEFAULT now(),
      must_change_password boolean NOT NULL DEFAULT true,
      totp_secret text,
      totp_enabled boolean NOT NULL DEFAULT false,
      totp_last_counter bigint,
      -- failed logins before this moment no longer count towards a lock (admin unlock, success)
      lock_reset_at timestamptz,
      care_mode boolean NOT NULL DEFAULT false,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));
    CREATE INDEX app_user_region_idx ON app_user (region_code, created_at);

    CREATE TABLE user_session (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES app_user (id),
      stage text NOT NULL CHECK (stage IN ('totp', 'totp_enrol', 'change_password', 'active')),
      view_region_code text REFERENCES region (code),
      idle_timeout_seconds integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      ip text,
      user_agent text
    );
    CREATE INDEX user_session_user_idx ON user_session (user_id) WHERE ended_at IS NULL;

    CREATE TABLE login_failure (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- counted by the name typed, so an unknown name locks like a real one and reveals nothing
      username text NOT NULL,
      ip text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX login_failure_username_idx ON login_failure (username, occurred_at);
    CREATE INDEX login_failure_ip_idx ON login_failure (ip, occurred_at);

    CREATE TABLE audit_log (
      seq bigint PRIMARY KEY,
      occurred_at timestamptz NOT NULL,
      actor_id uuid,
      actor_name text,
      region_code text,
      action text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
      target_type text,
      target_id text,
      ip text,
      request_id text,
      details jsonb NOT NULL DEFAULT '{}',
      prev_hash text NOT NULL,
      hash text NOT NULL
    );
    CREATE INDEX audit_log_time_idx ON audit_log (occurred_at);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, seq);

    -- Insert-only: rows are never changed or removed by the application.
    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is insert-only' USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

    CREATE TABLE job (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      payload jsonb NOT NULL DEFAULT '{}',
      progress integer NOT NULL DEFAULT 0,
      total integer,
      result jsonb,
      error text,
      owner_id uuid REFERENCES app_user (id),
      region_code text REFERENCES region (code),
      attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX job_pending_idx ON job (status, created_at) WHERE status IN ('queued', 'running');

    CREATE TABLE stored_file (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES app_user (id),
      name text NOT NULL,
      media_type text NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL
    );
  `.execute(db);
}
