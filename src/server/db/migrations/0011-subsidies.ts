import { type Kysely, sql } from 'kysely';

/**
 * Training subsidies and fund supervision (domain §7): standards, claims with their stored
 * eligibility decisions and events, the subsidy notice lists (on the public notice of migration
 * 0004), funds with an insert-only ledger, payment batches with idempotency keys, and fraud-signal
 * reviews. Code lists mirror src/shared/domain/subsidy-codes.ts. Money is integer fen (bigint).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE subsidy_standard (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- the province's default, or a city or county override
      region_code text NOT NULL REFERENCES region (code),
      training_type text NOT NULL CHECK (training_type IN ('employment_skills', 'on_the_job', 'entrepreneurship', 'high_skill',
                                                           'employer_staff', 'rural_practical', 'contest')),
      -- null: every programme of the type
      programme_code text,
      -- null: every level
      skill_level text CHECK (skill_level IN ('5', '4', '3', '2', '1', 'special', 'none')),
      tuition_fen bigint NOT NULL DEFAULT 0 CHECK (tuition_fen >= 0),
      materials_fen bigint NOT NULL DEFAULT 0 CHECK (materials_fen >= 0),
      exam_fee_fen bigint NOT NULL DEFAULT 0 CHECK (exam_fee_fen >= 0),
      -- the uplift for classes with assisting staff (sign-language interpreters, assistants)
      assisting_staff_fen bigint NOT NULL DEFAULT 0 CHECK (assisting_staff_fen >= 0),
      effective_from date NOT NULL,
      effective_to date,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
      basis text,
      remarks text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_by uuid,
      retired_at timestamptz,
      retired_reason text,
      CHECK (effective_to IS NULL OR effective_to >= effective_from)
    );
    CREATE INDEX subsidy_standard_lookup_idx ON subsidy_standard (training_type, region_code, status);

    -- a fund with its budget per region and year: a government budget line or a social donation
    CREATE TABLE subsidy_fund (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      region_code text NOT NULL REFERENCES region (code),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      kind text NOT NULL CHECK (kind IN ('budget_line', 'donation')),
      -- 预算科目编码 or the donation agreement number
      code text NOT NULL,
      name text NOT NULL,
      -- the donor, for donations
      source text,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      remarks text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (region_code, year, code)
    );

    CREATE SEQUENCE subsidy_claim_no_seq;
    CREATE TABLE subsidy_claim (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- BT<county><year><serial>
      claim_no text NOT NULL UNIQUE,
      -- the class's county: scope and distribution key
      county_code text NOT NULL REFERENCES region (code),
      class_id uuid NOT NULL REFERENCES training_class (id),
      enrolment_id uuid NOT NULL REFERENCES class_enrolment (id),
      person_id uuid NOT NULL REFERENCES person (id),
      certificate_id uuid REFERENCES training_certificate (id),
      institution_id uuid NOT NULL REFERENCES institution (id),
      -- copied from the class and programme when generated: the history rules read these
      programme_code text NOT NULL,
      occupation text NOT NULL,
      skill_level text NOT NULL CHECK (skill_level IN ('5', '4', '3', '2', '1', 'special', 'none')),
      training_type text NOT NULL,
      training_year integer NOT NULL,
      exam_on date,
      -- the institution submits by this date (SUBSIDY_CLAIM_WINDOW_DAYS after the exam)
      submit_due_on date NOT NULL,
      standard_id uuid REFERENCES subsidy_standard (id),
      -- the class had assisting staff: the standard's uplift applies
      assisted boolean NOT NULL DEFAULT false,
      -- [{ category, amountFen, note }]
      items jsonb NOT NULL DEFAULT '[]',
      -- the subsidisable total claimed, and the standard's ceiling for this claim
      amount_fen bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
      standard_fen bigint NOT NULL DEFAULT 0 CHECK (standard_fen >= 0),
      -- the person's tie to the training place; the job-seeking region is declared with the claim
      job_seeking_region_code text CHECK (job_seeking_region_code ~ '^[0-9]{6}$'),
      other_funding text,
      payee_kind text NOT NULL DEFAULT 'person' CHECK (payee_kind IN ('person', 'institution')),
      payee_name text,
      bank_name text,
      bank_account_sealed bytea,
      bank_account_index text,
      bank_account_masked text,
      -- [{ fileId, name }]: 求职登记, 银行卡 copies, invoices
      documents jsonb NOT NULL DEFAULT '[]',
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'ineligible', 'on_notice', 'held', 'noticed',
        'county_approved', 'city_approved', 'approved', 'batched', 'paid', 'returned', 'rejected', 'withdrawn', 'reversed')),
      -- the last eligibility decision (every decision is also kept in subsidy_check)
      eligibility jsonb,
      hold_reason text,
      notice_list_id uuid,
      notice_line_no integer,
      -- who put the claim on notice: the maker; no later step may be taken by the same account
      prepared_by uuid,
      -- the current review step's due date
      step_due_on date,
      fund_id uuid REFERENCES subsidy_fund (id),
      batch_id uuid,
      submitted_at timestamptz,
      approved_at timestamptz,
      paid_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((bank_account_sealed IS NULL) = (bank_account_index IS NULL))
    );
    -- one open claim per training: a duplicate claim is refused by the database as well
    CREATE UNIQUE INDEX subsidy_claim_enrolment_key ON subsidy_claim (enrolment_id) WHERE status NOT IN ('withdrawn', 'rejected', 'reversed');
    CREATE INDEX subsidy_claim_county_idx ON subsidy_claim (county_code, status, created_at DESC);
    CREATE INDEX subsidy_claim_person_idx ON subsidy_claim (person_id, status);
    CREATE INDEX subsidy_claim_class_idx ON subsidy_claim (class_id);
    CREATE INDEX subsidy_claim_institution_idx ON subsidy_claim (institution_id, status);
    CREATE INDEX subsidy_claim_bank_idx ON subsidy_claim (bank_account_index) WHERE bank_account_index IS NOT NULL;
    CREATE INDEX subsidy_claim_batch_idx ON subsidy_claim (batch_id) WHERE batch_id IS NOT NULL;

    -- every eligibility decision, kept: the auditor reads why a claim passed or failed at that time
    CREATE TABLE subsidy_check (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES subsidy_claim (id),
      county_code text NOT NULL REFERENCES region (code),
      eligible boolean NOT NULL,
      -- EligibilityDecision.rules
      rules jsonb NOT NULL,
      context text NOT NULL CHECK (context IN ('submit', 'recheck', 'approve')),
      checked_by uuid,
      checked_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX subsidy_check_claim_idx ON subsidy_check (claim_id, checked_at);

    -- one row per claim transition, written in the transaction that makes it
    CREATE TABLE subsidy_claim_event (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      claim_id uuid NOT NULL REFERENCES subsidy_claim (id),
      county_code text NOT NULL REFERENCES region (code),
      command text NOT NULL CHECK (command IN ('generate', 'edit', 'submit', 'find_ineligible', 'withdraw', 'put_on_notice',
        'notice_effective', 'hold', 'release', 'approve', 'return', 'reject', 'batch', 'unbatch', 'pay', 'reverse')),
      -- the review step an approve/return/reject was taken at
      step text CHECK (step IN ('county_review', 'city_review', 'finance_review')),
      from_status text,
      to_status text NOT NULL,
      comment text,
      documents jsonb NOT NULL DEFAULT '[]',
      -- the step's due date and whether it was taken late
      due_on date,
      late boolean NOT NULL DEFAULT false,
      actor_id uuid,
      actor_name text,
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX subsidy_claim_event_claim_idx ON subsidy_claim_event (claim_id, occurred_at);
    CREATE INDEX subsidy_claim_event_actor_idx ON subsidy_claim_event (actor_id, claim_id);

    -- 补贴公示名单: the claims a county puts on public notice together (masked names)
    CREATE SEQUENCE subsidy_notice_list_no_seq;
    CREATE TABLE subsidy_notice_list (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      list_no text NOT NULL UNIQUE,
      county_code text NOT NULL REFERENCES region (code),
      notice_id uuid REFERENCES public_notice (id),
      title text NOT NULL,
      claim_count integer NOT NULL,
      total_fen bigint NOT NULL,
      status text NOT NULL DEFAULT 'on_notice' CHECK (status IN ('on_notice', 'effective', 'withdrawn')),
      prepared_by uuid,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX subsidy_notice_list_county_idx ON subsidy_notice_list (county_code, created_at DESC);

    -- public notices may now carry a subsidy list; an objection may name one line of it
    ALTER TABLE public_notice DROP CONSTRAINT public_notice_subject_kind_check;
    ALTER TABLE public_notice ADD CONSTRAINT public_notice_subject_kind_check
      CHECK (subject_kind IN ('institution', 'accreditation', 'programme', 'subsidy_list'));
    ALTER TABLE notice_objection ADD COLUMN line_no integer CHECK (line_no >= 1);

    CREATE SEQUENCE subsidy_batch_no_seq;
    CREATE TABLE payment_batch (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      batch_no text NOT NULL UNIQUE,
      -- the paying region (a city's or county's finance)
      region_code text NOT NULL REFERENCES region (code),
      fund_id uuid NOT NULL REFERENCES subsidy_fund (id),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'paid', 'cancelled')),
      claim_count integer NOT NULL DEFAULT 0,
      total_fen bigint NOT NULL DEFAULT 0,
      -- 记账凭证号 / bank transfer reference
      voucher_ref text,
      -- maker and checker: the account that paid is never the one that made the batch
      created_by uuid NOT NULL,
      paid_by uuid,
      paid_at timestamptz,
      cancelled_reason text,
      remarks text,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'paid' OR (paid_by IS NOT NULL AND voucher_ref IS NOT NULL))
    );
    CREATE INDEX payment_batch_region_idx ON payment_batch (region_code, status, created_at DESC);
    ALTER TABLE subsidy_claim ADD CONSTRAINT subsidy_claim_batch_fk FOREIGN KEY (batch_id) REFERENCES payment_batch (id);
    ALTER TABLE subsidy_claim ADD CONSTRAINT subsidy_claim_notice_list_fk FOREIGN KEY (notice_list_id) REFERENCES subsidy_notice_list (id);

    -- a payment or its reversal: insert-only; a reversal points at the payment it undoes
    CREATE TABLE subsidy_payment (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('payment', 'reversal')),
      claim_id uuid NOT NULL REFERENCES subsidy_claim (id),
      batch_id uuid NOT NULL REFERENCES payment_batch (id),
      county_code text NOT NULL REFERENCES region (code),
      fund_id uuid NOT NULL REFERENCES subsidy_fund (id),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      payee_name text,
      bank_name text,
      bank_account_masked text,
      voucher_ref text NOT NULL,
      reverses_id uuid REFERENCES subsidy_payment (id),
      reason text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
    );
    -- a claim is paid once and reversed at most once, whatever the requests do
    CREATE UNIQUE INDEX subsidy_payment_once_key ON subsidy_payment (claim_id) WHERE kind = 'payment';
    CREATE UNIQUE INDEX subsidy_payment_reversal_key ON subsidy_payment (reverses_id) WHERE kind = 'reversal';
    CREATE INDEX subsidy_payment_batch_idx ON subsidy_payment (batch_id);

    -- the ledger per fund: insert-only (a trigger refuses update and delete)
    CREATE TABLE ledger_entry (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      fund_id uuid NOT NULL REFERENCES subsidy_fund (id),
      region_code text NOT NULL REFERENCES region (code),
      kind text NOT NULL CHECK (kind IN ('budget', 'commitment', 'release', 'payment', 'reversal')),
      -- positive; the kind says which way it moves (a budget cut is a negative budget entry)
      amount_fen bigint NOT NULL CHECK (amount_fen <> 0 AND (kind = 'budget' OR amount_fen > 0)),
      claim_id uuid REFERENCES subsidy_claim (id),
      payment_id uuid REFERENCES subsidy_payment (id),
      batch_id uuid REFERENCES payment_batch (id),
      voucher_ref text,
      memo text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp()
    );
    CREATE INDEX ledger_entry_fund_idx ON ledger_entry (fund_id, created_at);
    CREATE INDEX ledger_entry_claim_idx ON ledger_entry (claim_id) WHERE claim_id IS NOT NULL;
    -- one payment and one reversal entry per payment row, one commitment per claim
    CREATE UNIQUE INDEX ledger_entry_payment_key ON ledger_entry (payment_id, kind) WHERE payment_id IS NOT NULL;

    CREATE FUNCTION ledger_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are insert-only: write a new entry instead', TG_TABLE_NAME USING ERRCODE = '23514';
    END;
    $$;
    CREATE TRIGGER ledger_entry_insert_only BEFORE UPDATE OR DELETE ON ledger_entry FOR EACH ROW EXECUTE FUNCTION ledger_insert_only();
    CREATE TRIGGER subsidy_payment_insert_only BEFORE UPDATE OR DELETE ON subsidy_payment FOR EACH ROW EXECUTE FUNCTION ledger_insert_only();

    -- idempotency keys of money requests: the first request's answer is kept and replayed
    CREATE TABLE idempotency_key (
      key text NOT NULL,
      -- the route and the account: one key means one request of one account on one route
      scope text NOT NULL,
      actor_id uuid NOT NULL,
      request_digest text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, actor_id, key)
    );

    -- staff decisions on fraud signals (the signals themselves are computed from the data)
    CREATE TABLE fraud_signal_review (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      -- kind plus the subject, e.g. shared_bank:<index>, two_places:<enrolment>:<enrolment>
      signal_key text NOT NULL,
      region_code text NOT NULL REFERENCES region (code),
      decision text NOT NULL CHECK (decision IN ('confirmed', 'dismissed')),
      comment text NOT NULL,
      reviewed_by uuid NOT NULL,
      reviewed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX fraud_signal_review_key_idx ON fraud_signal_review (signal_key, reviewed_at DESC);
  `.execute(db);
}
