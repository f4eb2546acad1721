-- One schema for SQLite and PostgreSQL: text ids (random, made by the server), epoch-millisecond times,
-- integers for flags. Photos and meshes live on disk under --data (content-addressed); rows name them by sha256.
CREATE TABLE clinics (
  id          VARCHAR(32) PRIMARY KEY,
  name        VARCHAR(200) NOT NULL UNIQUE,
  created_at  BIGINT NOT NULL
);
CREATE TABLE users (
  id            VARCHAR(32) PRIMARY KEY,
  clinic_id     VARCHAR(32) NOT NULL REFERENCES clinics(id),
  username      VARCHAR(100) NOT NULL UNIQUE,
  password_hash VARCHAR(200) NOT NULL,
  role          VARCHAR(20) NOT NULL CHECK (role IN ('clinician', 'admin')),
  disabled      INTEGER NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL
);
CREATE TABLE sessions (
  token_hash  VARCHAR(64) PRIMARY KEY,
  user_id     VARCHAR(32) NOT NULL REFERENCES users(id),
  csrf        VARCHAR(64) NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL
);
CREATE TABLE patients (
  id          VARCHAR(32) PRIMARY KEY,
  clinic_id   VARCHAR(32) NOT NULL REFERENCES clinics(id),
  code        VARCHAR(100) NOT NULL,
  name        VARCHAR(200) NOT NULL,
  birth_year  INTEGER,
  notes       VARCHAR(2000) NOT NULL DEFAULT '',
  created_by  VARCHAR(32) NOT NULL REFERENCES users(id),
  created_at  BIGINT NOT NULL,
  UNIQUE (clinic_id, code)
);
CREATE INDEX patients_clinic ON patients(clinic_id);
CREATE TABLE visits (
  id          VARCHAR(32) PRIMARY KEY,
  patient_id  VARCHAR(32) NOT NULL REFERENCES patients(id),
  clinic_id   VARCHAR(32) NOT NULL REFERENCES clinics(id),
  visit_date  VARCHAR(10) NOT NULL,
  status      VARCHAR(20) NOT NULL CHECK (status IN ('open', 'queued', 'running', 'done', 'failed')),
  error       VARCHAR(2000),
  created_by  VARCHAR(32) NOT NULL REFERENCES users(id),
  created_at  BIGINT NOT NULL
);
CREATE INDEX visits_patient ON visits(patient_id);
CREATE TABLE photos (
  visit_id    VARCHAR(32) NOT NULL REFERENCES visits(id),
  posture     VARCHAR(20) NOT NULL,
  sha256      VARCHAR(64) NOT NULL,
  media_type  VARCHAR(40) NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  check_json  VARCHAR(4000),
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (visit_id, posture)
);
CREATE TABLE jobs (
  id          VARCHAR(32) PRIMARY KEY,
  visit_id    VARCHAR(32) NOT NULL REFERENCES visits(id),
  state       VARCHAR(20) NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  error       VARCHAR(2000),
  created_at  BIGINT NOT NULL,
  started_at  BIGINT,
  finished_at BIGINT
);
CREATE INDEX jobs_state ON jobs(state);
CREATE TABLE results (
  visit_id    VARCHAR(32) PRIMARY KEY REFERENCES visits(id),
  report_json TEXT NOT NULL,
  timing_ms   BIGINT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE TABLE result_files (
  visit_id    VARCHAR(32) NOT NULL REFERENCES visits(id),
  posture     VARCHAR(20) NOT NULL,
  kind        VARCHAR(20) NOT NULL CHECK (kind IN ('glb', 'obj', 'heatmap')),
  sha256      VARCHAR(64) NOT NULL,
  PRIMARY KEY (visit_id, posture, kind)
);
CREATE TABLE scores (
  visit_id    VARCHAR(32) NOT NULL REFERENCES visits(id),
  name        VARCHAR(100) NOT NULL,
  value       DOUBLE PRECISION,
  PRIMARY KEY (visit_id, name)
);
CREATE TABLE audit_log (
  id          VARCHAR(32) PRIMARY KEY,
  at          BIGINT NOT NULL,
  user_id     VARCHAR(32),
  clinic_id   VARCHAR(32),
  action      VARCHAR(40) NOT NULL,
  target_type VARCHAR(20),
  target_id   VARCHAR(32),
  detail      VARCHAR(1000),
  ip          VARCHAR(64)
);
CREATE INDEX audit_at ON audit_log(at);
