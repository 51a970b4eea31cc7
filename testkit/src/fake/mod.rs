//! A fake LlamaCloud: the four endpoints `llamacloud` uses, served from generated fixture data
//! with real filtering, cursor and offset paging, FastAPI-style errors and bearer auth; and the
//! writes: creates (`POST /api/v2/parse/upload`, `POST /api/v2/parse` by `source_url` or
//! `file_id`), cancel, delete, and `POST /api/v1/beta/files`.
//!
//! A made job carries its document's pages from its create: one a page of an uploaded PDF
//! (counted with lopdf; `# {name}`, `Page {n} of {N}.`, a table row), else 60-line chunks of the
//! start of the file (or of a note on the URL). A file uploaded to the files endpoint keeps its
//! pages, and every job by its `file_id` is made over them, with its name. `page_ranges` selects
//! pages as the API does (`target_pages` "1,3,5-8", 1-based, wins over `max_pages`; bad syntax,
//! page 0 or a page given twice: 400): only those are parsed, returned with their numbers in
//! the whole document, and billed. A job over `max_pages_per_job` pages (700 by default, as the
//! API's agentic modes) is refused with the API's message, at its create or (by default) as a
//! job that fails; with `ms_per_page`, a job takes that long a page it parses.
//!
//! A made job produces what its `output_options` ask for (see `assets`): the images of
//! `images_to_save` (embedded, layout, screenshot; listed by `expand=images_content_metadata`,
//! referenced from the pages' markdown), `expand=items`, the `tables_as_spreadsheet` xlsx file,
//! and `extract_printed_page_number` labels in `expand=metadata`. Result files and images are
//! fetched through presigned links on a second origin (`serve_files_at`), which never needs the
//! key; with `link_ttl`, a link expires that long after it was given (403 AccessDenied, as S3),
//! and getting the job again gives fresh ones.
//!
//! A made job is billed once it ends: `usage` is `{"credits": C, "num_pages": N}`, N the pages
//! it parsed (failed and empty ones included) and C = N × its tier's price a page (fast 1,
//! cost_effective 3, agentic 10, agentic_plus 45, or what `prices` says; a JSON integer when
//! whole); a FAILED or CANCELLED job: `{"credits": 0, "num_pages": 0}`. `Fake::credits_billed`
//! adds them up as jobs end; with `credit_balance`, a create is answered 402 (`{"detail":
//! "Insufficient credits: ..."}`, nothing made) once they reach it. `empty_pages` and
//! `failed_pages` make those pages of a made job come back with no text or failed (in a job that
//! completes), except on the agentic tiers: what a re-parse of only those pages on a better tier
//! is for.
//!
//! The handler is plain data in, data out, so tests can call it without a socket.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value, json};

mod assets;
pub mod http;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_assets;
#[cfg(test)]
mod tests_billing;
mod upload;

pub use assets::printed_label;

/// What the fake holds and how it behaves.
#[derive(Debug, Clone)]
pub struct Config {
    pub parse_jobs: usize,
    pub batches: usize,
    pub batch_jobs: usize,
    /// When set, job 0 carries a markdown document of this many MiB.
    pub markdown_mib: Option<usize>,
    /// The size of that document's pages in KiB; 0 puts it all in one page.
    pub page_kib: usize,
    /// Send `markdown_full` with the markdown pages even when not asked for (the worst case
    /// for a client's memory).
    pub always_full: bool,
    /// PENDING and RUNNING jobs move one step toward COMPLETED each time one is fetched again.
    pub advance_jobs: bool,
    /// When set, only this key is accepted; otherwise any key starting with `llx-`.
    pub api_key: Option<String>,
    /// Answer the v1 beta batch-processing endpoint with 404, as newer API versions do.
    pub retire_batch_processing: bool,
    /// Answer each request for one parse job only after this long (a slow API).
    pub job_delay: std::time::Duration,
    /// How the first creates are answered, in order: 429 or 503 (nothing created; 429 asks to
    /// retry after 1 s), 400 or 402 (refused for good: a bad request, no credits left; nothing
    /// created), 502 (created, then a gateway error), 0 (created, then the answer breaks off
    /// half-way). Later creates succeed.
    pub create_faults: Vec<u16>,
    /// Presigned links answer 403, as expired S3 links do.
    pub links_expire: bool,
    /// When set, a presigned link expires this long after it was given (its query carries when:
    /// `X-Fake-Expires-At`, milliseconds since the epoch): the files origin then answers 403
    /// AccessDenied, as S3 does. Getting the job again gives fresh links. The fake's clock for
    /// links can be moved on with `Fake::advance_link_clock`, so tests need not sleep.
    pub link_ttl: Option<Duration>,
    /// Each create takes this long to answer (a slow upload or a busy API).
    pub create_delay: std::time::Duration,
    /// This share of the files (in percent, chosen by name) has its first create answered 429
    /// with `Retry-After: 1`.
    pub throttle_percent: u8,
    /// Created jobs end this long after they were made (PENDING for the first third), instead
    /// of over three polls.
    pub job_time: Option<std::time::Duration>,
    /// When set, job 0's `markdown` result file (through its presigned link) is this many MiB.
    pub result_mib: Option<u64>,
    /// Each create is answered this long after its job was made (a lost answer, when the client
    /// gives up or is killed first).
    pub answer_delay: std::time::Duration,
    /// A made job shows in this many listings (not by id) only after it was made: listings lag
    /// behind creates.
    pub list_lag: usize,
    /// When set, every listing of parse jobs (by id or not) has at most this many items a page,
    /// whatever `page_size` asks, and a `next_page_token` while more remain (as a server that
    /// pages with fewer items than asked). 0 counts as 1.
    pub list_page_cap: Option<usize>,
    /// A job made by a create is left out of every listing, by id too, until this long after it
    /// was made; `GET /api/v2/parse/{id}` sees it at once. (A delay in time, where `list_lag`
    /// counts listings.)
    pub list_delay: Duration,
    /// When set, a create is answered 429 (`Retry-After: 1`, nothing created) while this many
    /// made jobs have not ended (with `job_time`: until that long after they were made; without:
    /// until their status, as polls move it, has ended). A busy account's concurrency limit.
    pub max_running: Option<usize>,
    /// How the first listings by id (`GET /api/v2/parse` with `job_ids`: polls) are answered, in
    /// order, one status a request: 429 and 503 with `Retry-After: 1`, others with a plain
    /// `detail`. Nothing moves along. Later ones are answered as usual.
    pub poll_faults: Vec<u16>,
    /// When not 0, every Nth listing by id (counting them all, faulted ones included) is
    /// answered 503 with `Retry-After: 1`: a flaky poll path.
    pub poll_fault_every: usize,
    /// The most pages one job may parse (the pages its `page_ranges` selects), as the API caps
    /// its agentic modes at 700; `None`: no cap. Where a longer job is refused: `page_cap_at`.
    pub max_pages_per_job: Option<usize>,
    /// Where a job over `max_pages_per_job` is refused: at its create, or as a job that fails.
    pub page_cap_at: PageCapAt,
    /// When set, a made job ends this many milliseconds a page it parses after it was made (on
    /// top of `job_time`, when that is set too): a 100-page window at 20 ms takes 2 s.
    pub ms_per_page: Option<u64>,
    /// The first job whose pages include this page ends FAILED (an engine crash, not the page
    /// cap); later jobs over it complete, as a rerun's would.
    pub fail_page_once: Option<usize>,
    /// When not 0, each page of an uploaded PDF has markdown of this many KiB: its usual lines,
    /// then filler lines (a benchmark's large pages; the default 0 keeps them short).
    pub pdf_page_kib: usize,
    /// Answer every request (over HTTP) with `Connection: close`, so that tiny_http never
    /// leaves a new connection unserved behind kept-alive ones (see `http::respond_and_close`).
    pub close_connections: bool,
    /// When not 0, every embedded and layout image a made job saved (`images_to_save`) is a
    /// PNG of exactly this many KiB (a benchmark's images; the default 0 keeps them tiny).
    pub image_kib: usize,
    /// Credits a parsed page costs, by tier, replacing the built-in table (`PRICES`: fast 1,
    /// cost_effective 3, agentic 10, agentic_plus 45; 10 for a saved configuration's
    /// `configured`) for the tiers named; a later entry for a tier wins. Fractions are allowed.
    pub prices: Vec<(String, f64)>,
    /// When set, every create is answered 402 (`{"detail": "Insufficient credits: ..."}`,
    /// nothing created) once the credits billed so far (`Fake::credits_billed`, counted as jobs
    /// end) reach this balance. Jobs already made are not stopped: what they bill when they end
    /// may take the total past it, as on a real account.
    pub credit_balance: Option<f64>,
    /// A made job's pages with these numbers (in the whole document) come back with no text:
    /// markdown `""`, text `""`, `success: true` (a scanned page the parser read nothing on),
    /// billed as pages; on every tier but agentic and agentic_plus, so that re-parsing them on
    /// an agentic tier gives their text.
    pub empty_pages: Vec<usize>,
    /// A made job's pages with these numbers come back failed (`success: false`, an `error`)
    /// in a job that still completes, billed as pages; on every tier but agentic and
    /// agentic_plus, so that re-parsing them on an agentic tier succeeds.
    pub failed_pages: Vec<usize>,
}

/// Where a job with more pages than `max_pages_per_job` is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PageCapAt {
    /// Its create is answered 400 with the API's page-limit message; no job is made.
    Create,
    /// The job is made and ends FAILED with that message as `error_message` (0 credits).
    #[default]
    Job,
}

/// The API's refusal of a job over its page cap (the text users quote from the agentic modes).
pub fn page_cap_message(count: usize, cap: usize) -> String {
    format!("The document has {count} pages: max pages allowed for parse mode parse_page_with_agent is {cap}")
}

impl Default for Config {
    fn default() -> Self {
        Config {
            parse_jobs: 250,
            batches: 60,
            batch_jobs: 130,
            markdown_mib: None,
            page_kib: 1024,
            always_full: false,
            advance_jobs: false,
            api_key: None,
            retire_batch_processing: false,
            job_delay: std::time::Duration::ZERO,
            create_faults: Vec::new(),
            links_expire: false,
            link_ttl: None,
            result_mib: None,
            create_delay: std::time::Duration::ZERO,
            throttle_percent: 0,
            job_time: None,
            answer_delay: std::time::Duration::ZERO,
            list_lag: 0,
            list_page_cap: None,
            list_delay: Duration::ZERO,
            max_running: None,
            poll_faults: Vec::new(),
            poll_fault_every: 0,
            max_pages_per_job: Some(700),
            page_cap_at: PageCapAt::Job,
            ms_per_page: None,
            fail_page_once: None,
            pdf_page_kib: 0,
            close_connections: false,
            image_kib: 0,
            prices: Vec::new(),
            credit_balance: None,
            empty_pages: Vec::new(),
            failed_pages: Vec::new(),
        }
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
    /// Break the answer off half-way through the body.
    pub cut: bool,
    /// Send this many generated bytes as the body instead (a large file, never held).
    pub generated: Option<u64>,
    /// A stored object (an image on the files origin): sent as it is, never gzipped, as S3
    /// sends an object stored without a `Content-Encoding`.
    pub stored: bool,
}

impl Answer {
    /// An answer with `body` as it is.
    fn bytes(status: u16, body: Vec<u8>) -> Self {
        Answer {
            status,
            body,
            headers: Vec::new(),
            cut: false,
            generated: None,
            stored: false,
        }
    }

    fn json(status: u16, value: &Value) -> Self {
        Answer::bytes(status, value.to_string().into_bytes())
    }

    fn detail(status: u16, detail: &str) -> Self {
        Answer::json(status, &json!({ "detail": detail }))
    }

    fn invalid_body(loc: &str, msg: &str) -> Self {
        Answer::json(
            422,
            &json!({"detail": [{"type": "value_error", "loc": ["body", loc], "msg": msg}]}),
        )
    }

    fn invalid(loc: &str, msg: String, input: &str) -> Self {
        Answer::json(
            422,
            &json!({"detail": [{"type": "value_error", "loc": ["query", loc], "msg": msg, "input": input}]}),
        )
    }
}

const PROJECT_ID: &str = "prj-fake0000-0000-4000-8000-000000000001";
const DEFAULT_PAGE_SIZE: usize = 50;
const MAX_PAGE_SIZE: usize = 100;
const PARSE_STATUSES: [&str; 5] = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"];
const BATCH_STATUSES: [&str; 6] = [
    "PENDING",
    "THROTTLED",
    "RUNNING",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
];
const BATCH_JOB_STATUSES: [&str; 6] = [
    "pending",
    "running",
    "dispatched",
    "completed",
    "failed",
    "cancelled",
];
const BATCH_JOB_TYPES: [&str; 3] = ["parse", "extract", "classify"];
const TIERS: [&str; 4] = ["fast", "cost_effective", "agentic", "agentic_plus"];

/// One request, as the fake sees it.
pub struct Request<'a> {
    pub method: &'a str,
    /// The path with its query string.
    pub target: &'a str,
    pub authorization: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: &'a mut dyn std::io::Read,
}

/// A job made by a create, and what its document says.
struct Made {
    job: Value,
    /// The configuration its create carried, as sent.
    sent: Value,
    /// The "parsed" document's pages its `page_ranges` selected, with their numbers in the whole
    /// document: one a PDF page of an uploaded PDF, else 60-line chunks of the start of the
    /// uploaded file, or of a note on the URL.
    pages: Pages,
    /// How long after it was made it ends (`job_time`, plus `ms_per_page` for each page).
    time: Option<Duration>,
    /// Why it fails, when it does for another reason than its name (the page cap).
    error: Option<String>,
    /// What its `output_options` asked for beside the pages.
    outputs: assets::Outputs,
    /// How many times it was fetched: it moves PENDING → RUNNING → its end over three polls.
    polls: usize,
    /// How it ends: COMPLETED, or FAILED (a file named like `fail`).
    ends: &'static str,
    born: Instant,
    /// Listings (not by id) it was left out of, for `list_lag`.
    hidden: usize,
    /// The credits it was billed, once it has ended (`None` before).
    credits: Option<f64>,
}

/// The jobs creates have made, and which of them have not ended.
#[derive(Default)]
struct MadeJobs {
    /// Made number (the order they were made in) → job; a deleted job's number stays unused.
    jobs: BTreeMap<usize, Made>,
    /// Job id → made number.
    by_id: HashMap<String, usize>,
    /// The made jobs that have not ended: made number → when it was made and how long it takes.
    /// Those with a time are dropped once it has passed; the others when a poll or a cancel
    /// ends them.
    running: BTreeMap<usize, (Instant, Option<Duration>)>,
    /// The most jobs `running` held at once (just after each create).
    max_running_seen: usize,
    /// The credits billed so far: each made job's, counted as it ends.
    billed: f64,
}

impl MadeJobs {
    /// Drops the jobs that their time has ended from `running`.
    fn prune(&mut self) {
        self.running
            .retain(|_, (born, time)| time.is_none_or(|time| born.elapsed() < time));
    }

    /// Bills the jobs with a time (`job_time`, `ms_per_page`) that it has ended, fetched or not
    /// (those that end as they are fetched are billed then, in `advance`).
    fn bill_ended(&mut self, prices: &Prices) {
        for entry in self.jobs.values_mut() {
            let stuck = entry.ends == "COMPLETED" && str_field(&entry.job, "name").contains("stuck");
            if !stuck && entry.time.is_some_and(|time| entry.born.elapsed() >= time) {
                self.billed += entry.bill(entry.ends, prices);
            }
        }
    }
}

/// The credits a parsed page costs, by tier, when `Config::prices` does not say: LlamaParse's
/// published rates (1,000 credits = $1), as the fake has always billed them.
const PRICES: [(&str, f64); 4] = [
    ("fast", 1.0),
    ("cost_effective", 3.0),
    ("agentic", 10.0),
    ("agentic_plus", 45.0),
];

/// The price of a page on a tier not in `PRICES` (a saved configuration's `configured`).
const OTHER_PRICE: f64 = 10.0;

/// What a page costs on each tier: `Config::prices` over the built-in `PRICES`.
struct Prices<'a>(&'a [(String, f64)]);

impl Prices<'_> {
    fn of(&self, tier: &str) -> f64 {
        self.0
            .iter()
            .rev()
            .find(|(name, _)| name == tier)
            .map(|(_, price)| *price)
            .or_else(|| {
                PRICES
                    .iter()
                    .find(|(name, _)| *name == tier)
                    .map(|(_, price)| *price)
            })
            .unwrap_or(OTHER_PRICE)
    }
}

/// Credits rounded to a millionth (so 3 pages at 0.1 bill 0.3, not 0.30000000000000004).
fn round_credits(credits: f64) -> f64 {
    (credits * 1e6).round() / 1e6
}

/// Credits as the API gives them: a JSON number, an integer when whole.
fn credits_json(credits: f64) -> Value {
    if credits.fract() == 0.0 && credits.abs() < 9e15 {
        json!(credits as i64)
    } else {
        json!(credits)
    }
}

impl Made {
    /// Bills it as ended with `status`, once: its pages (failed and empty ones too) at its
    /// tier's price when COMPLETED, else nothing. The credits newly billed (0 when it already
    /// was).
    fn bill(&mut self, status: &str, prices: &Prices) -> f64 {
        if self.credits.is_some() {
            return 0.0;
        }
        let credits = if status == "COMPLETED" {
            round_credits(self.pages.len() as f64 * prices.of(str_field(&self.job, "tier")))
        } else {
            0.0
        };
        self.credits = Some(credits);
        credits
    }
}

/// The requests the fake has answered, by kind (a request refused for its key is not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// `POST /api/v2/parse/upload` and `POST /api/v2/parse`, however they were answered.
    pub creates: usize,
    /// Creates answered 429 (`throttle_percent`, a 429 of `create_faults`, or `max_running`).
    pub creates_throttled: usize,
    /// `GET /api/v2/parse` with `job_ids` (polls), faulted ones included.
    pub by_id_listings: usize,
    /// `GET /api/v2/parse` without `job_ids`.
    pub listings: usize,
    /// `GET /api/v2/parse/{id}`.
    pub job_gets: usize,
    /// Requests to presigned links (result files and images).
    pub file_fetches: usize,
}

/// The counters behind `RequestCounts`.
#[derive(Default)]
struct Counters {
    creates: AtomicUsize,
    creates_throttled: AtomicUsize,
    by_id_listings: AtomicUsize,
    listings: AtomicUsize,
    job_gets: AtomicUsize,
    file_fetches: AtomicUsize,
}

fn bump(counter: &AtomicUsize) -> usize {
    counter.fetch_add(1, Ordering::SeqCst)
}

fn is_end(status: &str) -> bool {
    matches!(status, "COMPLETED" | "FAILED" | "CANCELLED")
}

/// The fake's data, generated once from the config.
pub struct Fake {
    config: Config,
    parse_jobs: Vec<Value>,
    batches: Vec<Value>,
    batch_jobs: Vec<Value>,
    /// With `advance_jobs`: how many times each unfinished job has been fetched.
    polls: std::sync::Mutex<std::collections::HashMap<String, usize>>,
    /// Jobs and batches cancelled or deleted: id → "CANCELLED" or "DELETED".
    changed: std::sync::Mutex<std::collections::HashMap<String, &'static str>>,
    /// Jobs made by creates.
    made: std::sync::Mutex<MadeJobs>,
    /// Creates received (faults included), to pick the fault for each.
    creates: std::sync::atomic::AtomicUsize,
    /// Jobs made so far (ids are never given twice, even after a delete).
    made_ever: std::sync::atomic::AtomicUsize,
    /// Files whose create has been answered 429 once already.
    throttled: std::sync::Mutex<HashSet<String>>,
    /// `fail_page_once` was used.
    failed_page_once: std::sync::atomic::AtomicBool,
    /// The second origin that serves presigned links (result files, images), once it listens.
    files_url: std::sync::OnceLock<String>,
    /// Each request to a presigned link: its path, and whether it carried an Authorization header.
    file_requests: std::sync::Mutex<Vec<(String, bool)>>,
    /// How far the clock presigned links are given and checked by has been moved on.
    link_clock: std::sync::Mutex<Duration>,
    /// Requests answered, by kind.
    counts: Counters,
    /// Creates answered so far, to wake whoever waits for the next one.
    creates_answered: (std::sync::Mutex<usize>, std::sync::Condvar),
    /// Uploads that arrived after the first poll fault and are being answered now, whether a poll
    /// fault has been served, and the most such uploads at once (a client's create limit after
    /// its polls were throttled).
    uploads_now: AtomicUsize,
    poll_faulted: std::sync::atomic::AtomicBool,
    most_uploads_after_poll_fault: AtomicUsize,
    /// Files uploaded through `POST /api/v1/beta/files`: id → name and pages.
    files: std::sync::Mutex<HashMap<String, Uploaded>>,
    /// Files uploaded so far (ids are never given twice).
    files_ever: AtomicUsize,
}

/// A document's pages: `Ok((number, markdown))`, or `Err(number)` for a page that failed.
type Pages = Vec<Result<(usize, String), usize>>;

/// A file uploaded through the files endpoint, for jobs by its `file_id`.
struct Uploaded {
    name: String,
    pages: std::sync::Arc<Pages>,
}

/// A small deterministic hash, so ids and choices are the same on every run.
fn mix(i: u64, salt: u64) -> u64 {
    let mut x = i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ salt.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 29)
}

pub fn fake_id(prefix: &str, i: usize) -> String {
    let h = mix(i as u64, prefix.len() as u64 + 7);
    format!(
        "{prefix}-{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        h >> 32,
        (h >> 16) & 0xffff,
        h & 0xfff,
        (h >> 20) & 0xfff,
        i
    )
}

fn time_before(newest: Timestamp, minutes: i64) -> String {
    (newest - SignedDuration::from_mins(minutes)).to_string()
}

impl Fake {
    pub fn new(config: Config) -> Self {
        let newest: Timestamp = "2026-11-20T12:00:00Z".parse().unwrap_or(Timestamp::UNIX_EPOCH);
        let parse_jobs = (0..config.parse_jobs).map(|i| parse_job(i, newest)).collect();
        let batches = (0..config.batches).map(|i| batch(i, newest)).collect();
        let batch_jobs = (0..config.batch_jobs).map(|i| batch_job(i, newest)).collect();
        Fake {
            config,
            parse_jobs,
            batches,
            batch_jobs,
            polls: std::sync::Mutex::new(std::collections::HashMap::new()),
            changed: std::sync::Mutex::new(std::collections::HashMap::new()),
            made: std::sync::Mutex::new(MadeJobs::default()),
            creates: std::sync::atomic::AtomicUsize::new(0),
            made_ever: std::sync::atomic::AtomicUsize::new(0),
            throttled: std::sync::Mutex::new(HashSet::new()),
            failed_page_once: std::sync::atomic::AtomicBool::new(false),
            files_url: std::sync::OnceLock::new(),
            file_requests: std::sync::Mutex::new(Vec::new()),
            link_clock: std::sync::Mutex::new(Duration::ZERO),
            counts: Counters::default(),
            creates_answered: (std::sync::Mutex::new(0), std::sync::Condvar::new()),
            uploads_now: AtomicUsize::new(0),
            poll_faulted: std::sync::atomic::AtomicBool::new(false),
            most_uploads_after_poll_fault: AtomicUsize::new(0),
            files: std::sync::Mutex::new(HashMap::new()),
            files_ever: AtomicUsize::new(0),
        }
    }

    /// Presigned links point at `url` (a second listener of this fake) from now on.
    pub fn serve_files_at(&self, url: String) {
        let _ = self.files_url.set(url);
    }

    /// The requests presigned links received: path, and whether an Authorization header came.
    pub fn file_requests(&self) -> Vec<(String, bool)> {
        self.file_requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Moves the clock presigned links are given and checked by `by` further on: links given
    /// before expire as if that much time had passed (with `link_ttl`).
    pub fn advance_link_clock(&self, by: Duration) {
        *self
            .link_clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) += by;
    }

    /// The bytes the files origin serves for job `job_id`'s `name`: an image when `name` has a
    /// dot (`page_3_image_1.png`, `image_0.png`), else a result file (`markdown`, `xlsx`, ...).
    /// `None` where it answers 404. (The generated `result_mib` file is not held: `None`.)
    pub fn asset_bytes(&self, job_id: &str, name: &str) -> Option<Vec<u8>> {
        if name.contains('.') {
            self.file_bytes(&format!("{job_id}/images/{name}"))
        } else {
            self.file_bytes(&format!("{job_id}/{name}"))
        }
    }

    /// How many jobs creates have made, deleted ones included.
    pub fn jobs_made_ever(&self) -> usize {
        self.made_ever.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The jobs creates have made, oldest first (for tests: nothing is created twice).
    pub fn made_jobs(&self) -> Vec<Value> {
        self.made().jobs.values().map(|m| m.job.clone()).collect()
    }

    /// How many files `POST /api/v1/beta/files` has taken.
    pub fn files_uploaded(&self) -> usize {
        self.files_ever.load(Ordering::SeqCst)
    }

    /// The configurations the creates that made jobs carried, oldest first.
    pub fn made_configurations(&self) -> Vec<Value> {
        self.made().jobs.values().map(|m| m.sent.clone()).collect()
    }

    /// The requests answered so far, by kind.
    pub fn requests_seen(&self) -> RequestCounts {
        let c = &self.counts;
        let get = |counter: &AtomicUsize| counter.load(Ordering::SeqCst);
        RequestCounts {
            creates: get(&c.creates),
            creates_throttled: get(&c.creates_throttled),
            by_id_listings: get(&c.by_id_listings),
            listings: get(&c.listings),
            job_gets: get(&c.job_gets),
            file_fetches: get(&c.file_fetches),
        }
    }

    /// The credits billed so far: each made job's (its `usage.credits`), counted as it ends
    /// (when fetched, or with a job time when that has passed).
    pub fn credits_billed(&self) -> f64 {
        let mut made = self.made();
        made.bill_ended(&self.prices());
        round_credits(made.billed)
    }

    /// What a page costs on each tier.
    fn prices(&self) -> Prices<'_> {
        Prices(&self.config.prices)
    }

    /// The most made jobs that had not ended at once (as seen just after each create).
    pub fn max_running_seen(&self) -> usize {
        self.made().max_running_seen
    }

    /// The most uploads at once among those that arrived after the first poll fault.
    pub fn max_creates_at_once_after_poll_fault(&self) -> usize {
        self.most_uploads_after_poll_fault.load(Ordering::SeqCst)
    }

    /// Waits until more than `seen` creates have been answered, or `timeout` has passed; returns
    /// how many have been answered.
    pub fn wait_for_create(&self, seen: usize, timeout: Duration) -> usize {
        let (count, changed) = &self.creates_answered;
        let count = count.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (count, _) = changed
            .wait_timeout_while(count, timeout, |n| *n == seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *count
    }

    fn made(&self) -> std::sync::MutexGuard<'_, MadeJobs> {
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A create's answer, counted, and whoever waits for creates woken.
    fn answered_create(&self, answer: Answer) -> Answer {
        if answer.status == 429 {
            bump(&self.counts.creates_throttled);
        }
        let (count, changed) = &self.creates_answered;
        *count.lock().unwrap_or_else(std::sync::PoisonError::into_inner) += 1;
        changed.notify_all();
        answer
    }

    /// The answer `poll_faults` or `poll_fault_every` give the `n`th listing by id (from 0).
    fn poll_fault(&self, n: usize) -> Option<Answer> {
        let every = self.config.poll_fault_every;
        let status = match self.config.poll_faults.get(n) {
            Some(&status) => status,
            None if every > 0 && (n + 1).is_multiple_of(every) => 503,
            None => return None,
        };
        let reason = match status {
            429 => "Too many requests",
            500 => "Internal server error",
            502 => "Bad gateway",
            503 => "Service unavailable",
            504 => "Gateway timeout",
            _ => "Poll fault",
        };
        self.poll_faulted.store(true, Ordering::SeqCst);
        let mut answer = Answer::detail(status, reason);
        if matches!(status, 429 | 503) {
            answer.headers.push(("Retry-After", "1".into()));
        }
        Some(answer)
    }

    /// Answers one request.
    pub fn handle(&self, request: Request) -> Answer {
        let (method, target) = (request.method, request.target);
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let query: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        if let Some(file) = path.strip_prefix("/files/") {
            bump(&self.counts.file_fetches);
            return self.serve_file(file, &query, request.authorization.is_some());
        }
        if let Some(answer) = self.check_key(request.authorization) {
            return answer;
        }
        match (method, path.trim_end_matches('/')) {
            ("POST", "/api/v2/parse/upload") => {
                bump(&self.counts.creates);
                // Only uploads that arrived after the first poll fault count.
                let late = self.poll_faulted.load(Ordering::SeqCst);
                if late {
                    let now = self.uploads_now.fetch_add(1, Ordering::SeqCst) + 1;
                    self.most_uploads_after_poll_fault
                        .fetch_max(now, Ordering::SeqCst);
                }
                let answer = self.create_from_upload(request);
                if late {
                    self.uploads_now.fetch_sub(1, Ordering::SeqCst);
                }
                return self.answered_create(answer);
            }
            ("POST", "/api/v2/parse") => {
                bump(&self.counts.creates);
                return self.answered_create(self.create_from_json(request));
            }
            ("POST", "/api/v1/beta/files") => return self.upload_file(request, &query),
            _ => {}
        }
        if method != "GET" {
            return self.change(method, path.trim_end_matches('/'));
        }
        match path.trim_end_matches('/') {
            "/api/v2/parse" if query.iter().any(|(k, _)| k == "job_ids") => {
                let n = bump(&self.counts.by_id_listings);
                self.poll_fault(n).unwrap_or_else(|| self.list_parse_jobs(&query))
            }
            "/api/v2/parse" => {
                bump(&self.counts.listings);
                self.list_parse_jobs(&query)
            }
            "/api/v2/batches" => self.list_batches(&query),
            "/api/v1/beta/batch-processing" if self.config.retire_batch_processing => {
                Answer::detail(404, "Not Found")
            }
            "/api/v1/beta/batch-processing" => self.list_batch_jobs(&query),
            "/api/v2/parse/versions" => Answer::json(200, &versions()),
            other if other.starts_with("/api/v2/batches/") => {
                let id = other.trim_start_matches("/api/v2/batches/");
                self.get_batch(id, &query)
            }
            other => match other.strip_prefix("/api/v2/parse/") {
                Some(id) if !id.contains('/') => {
                    bump(&self.counts.job_gets);
                    let id = percent_encoding::percent_decode_str(id).decode_utf8_lossy();
                    self.get_parse_job(&id, &query)
                }
                _ => Answer::detail(404, "Not Found"),
            },
        }
    }

    fn check_key(&self, authorization: Option<&str>) -> Option<Answer> {
        let Some(key) = authorization.and_then(|h| h.strip_prefix("Bearer ")) else {
            return Some(Answer::detail(401, "Missing API key"));
        };
        let accepted = match &self.config.api_key {
            Some(expected) => key == expected,
            None => key.starts_with("llx-"),
        };
        (!accepted).then(|| Answer::detail(401, "Invalid API key"))
    }

    fn list_parse_jobs(&self, query: &[(String, String)]) -> Answer {
        let filters = match CommonFilters::read(query, &PARSE_STATUSES) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let job_ids: HashSet<&str> = values(query, "job_ids").collect();
        let cap = self.config.list_page_cap;
        // Jobs made by creates first, newest first: they are the newest. Those made less than
        // `list_delay` ago are not listed yet.
        let now = Instant::now();
        let listed = |m: &Made| now.saturating_duration_since(m.born) >= self.config.list_delay;
        let mut made = self.made();
        if job_ids.is_empty() {
            // Each listing (not by id) leaves out the jobs it is the first `list_lag` of.
            let lag = self.config.list_lag;
            let mut hidden = HashSet::new();
            if lag > 0 {
                for (&number, m) in made.jobs.iter_mut().filter(|(_, m)| m.hidden < lag) {
                    if listed(m) {
                        m.hidden += 1;
                        hidden.insert(number);
                    }
                }
            }
            let items = made
                .jobs
                .iter()
                .rev()
                .filter(|(number, m)| !hidden.contains(*number) && listed(m))
                .map(|(_, m)| &m.job)
                .chain(&self.parse_jobs)
                .filter(|job| filters.matches(job));
            return cursor_page(items, query, cap);
        }
        // Listing made jobs by id is how a client polls many at once: it moves them along as
        // fetching one does.
        let mut numbers: Vec<usize> = job_ids
            .iter()
            .filter_map(|id| made.by_id.get(*id).copied())
            .filter(|number| made.jobs.get(number).is_some_and(listed))
            .collect();
        numbers.sort_unstable_by(|a, b| b.cmp(a));
        for &number in &numbers {
            self.advance(&mut made, number);
        }
        let items = numbers
            .iter()
            .filter_map(|number| made.jobs.get(number).map(|m| &m.job))
            .chain(
                self.parse_jobs
                    .iter()
                    .filter(|job| job_ids.contains(str_field(job, "id"))),
            )
            .filter(|job| filters.matches(job));
        cursor_page(items, query, cap)
    }

    fn list_batches(&self, query: &[(String, String)]) -> Answer {
        let filters = match CommonFilters::read(query, &BATCH_STATUSES) {
            Ok(f) => f,
            Err(answer) => return answer,
        };
        let directory = first(query, "source_directory_id");
        let items = self
            .batches
            .iter()
            .filter(|b| filters.matches(b))
            .filter(|b| directory.is_none_or(|d| str_field(b, "source_directory_id") == d));
        cursor_page(items, query, None)
    }

    fn list_batch_jobs(&self, query: &[(String, String)]) -> Answer {
        let status = first(query, "status");
        if let Some(status) = status.filter(|s| !BATCH_JOB_STATUSES.contains(s)) {
            return Answer::invalid(
                "status",
                format!("Input should be one of {BATCH_JOB_STATUSES:?}"),
                status,
            );
        }
        let job_type = first(query, "job_type");
        if let Some(job_type) = job_type.filter(|t| !BATCH_JOB_TYPES.contains(t)) {
            return Answer::invalid(
                "job_type",
                format!("Input should be one of {BATCH_JOB_TYPES:?}"),
                job_type,
            );
        }
        let limit = match number(query, "limit", DEFAULT_PAGE_SIZE, 1, 1000) {
            Ok(n) => n,
            Err(answer) => return answer,
        };
        let offset = match number(query, "offset", 0, 0, usize::MAX) {
            Ok(n) => n,
            Err(answer) => return answer,
        };
        let directory = first(query, "directory_id");
        let project = first(query, "project_id");
        let items: Vec<&Value> = self
            .batch_jobs
            .iter()
            .filter(|j| status.is_none_or(|s| str_field(j, "status") == s))
            .filter(|j| job_type.is_none_or(|t| str_field(j, "job_type") == t))
            .filter(|j| directory.is_none_or(|d| str_field(j, "directory_id") == d))
            .filter(|j| project.is_none_or(|p| str_field(j, "project_id") == p))
            .collect();
        let page: Vec<&Value> = items.iter().skip(offset).take(limit).copied().collect();
        Answer::json(
            200,
            &json!({ "items": items_or_null(&page), "total_size": items.len() }),
        )
    }

    /// Cancel and delete: a job is cancelled only while PENDING or RUNNING and deleted only once
    /// it has ended; a batch is cancelled only while it has not ended.
    fn change(&self, method: &str, path: &str) -> Answer {
        let mut changed = self
            .changed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        let decode = |id: &str| {
            percent_encoding::percent_decode_str(id)
                .decode_utf8_lossy()
                .into_owned()
        };
        if let Some(answer) = self.change_made(method, &parts) {
            return answer;
        }
        match (method, parts.as_slice()) {
            ("POST", ["api", "v2", "parse", id, "cancel"]) => {
                let id = decode(id);
                let Some((job, status)) = current(&self.parse_jobs, &changed, &id) else {
                    return Answer::detail(404, "Parse job not found");
                };
                match status {
                    "DELETED" => Answer::detail(404, "Parse job not found"),
                    "PENDING" | "RUNNING" => {
                        changed.insert(id, "CANCELLED");
                        let mut job = job.clone();
                        job["status"] = json!("CANCELLED");
                        Answer::json(200, &job)
                    }
                    ended => Answer::detail(
                        409,
                        &format!("The job has already ended ({ended}) and cannot be cancelled"),
                    ),
                }
            }
            ("DELETE", ["api", "v2", "parse", id]) => {
                let id = decode(id);
                let Some((job, status)) = current(&self.parse_jobs, &changed, &id) else {
                    return Answer::detail(404, "Parse job not found");
                };
                match status {
                    "DELETED" => Answer::detail(404, "Parse job not found"),
                    "COMPLETED" | "FAILED" | "CANCELLED" => {
                        changed.insert(id.clone(), "DELETED");
                        Answer::json(
                            200,
                            &json!({"id": id, "project_id": str_field(job, "project_id")}),
                        )
                    }
                    running => Answer::detail(
                        409,
                        &format!("The job is {running}; only a job that has ended can be deleted"),
                    ),
                }
            }
            ("POST", ["api", "v2", "batches", id, "cancel"]) => {
                let id = decode(id);
                let Some((batch, status)) = current(&self.batches, &changed, &id) else {
                    return Answer::detail(404, "Batch not found");
                };
                match status {
                    "PENDING" | "THROTTLED" | "RUNNING" => {
                        changed.insert(id, "CANCELLED");
                        let mut batch = batch.clone();
                        batch["status"] = json!("CANCELLED");
                        Answer::json(200, &batch)
                    }
                    ended => Answer::detail(409, &format!("The batch has already ended ({ended})")),
                }
            }
            _ => Answer::detail(405, "Method Not Allowed"),
        }
    }

    fn get_batch(&self, id: &str, query: &[(String, String)]) -> Answer {
        let Some(batch) = self.batches.iter().find(|b| str_field(b, "id") == id) else {
            return Answer::detail(404, "Batch not found");
        };
        let mut batch = batch.clone();
        if values(query, "expand")
            .flat_map(|v| v.split(','))
            .any(|e| e == "results")
        {
            // Three files, each parsed by one of the parse jobs; the last one failed.
            let results: Vec<Value> = self
                .parse_jobs
                .iter()
                .take(3)
                .enumerate()
                .map(|(n, job)| {
                    json!({
                        "source_directory_file_id": fake_id("dfl", n),
                        "job_reference": {"type": "parse_v2", "id": str_field(job, "id")},
                        "error_message": if n == 2 { json!("File is password protected") } else { Value::Null },
                    })
                })
                .collect();
            batch["results"] = Value::Array(results);
        }
        Answer::json(200, &batch)
    }

    fn get_parse_job(&self, id: &str, query: &[(String, String)]) -> Answer {
        std::thread::sleep(self.config.job_delay);
        if let Some(answer) = self.get_made_job(id, query) {
            return answer;
        }
        let Some(job) = self.parse_jobs.iter().find(|j| str_field(j, "id") == id) else {
            return Answer::detail(404, "Parse job not found");
        };
        let index = self
            .parse_jobs
            .iter()
            .position(|j| std::ptr::eq(j, job))
            .unwrap_or(0);
        let mut job = job.clone();
        match self
            .changed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
        {
            Some(&"DELETED") => return Answer::detail(404, "Parse job not found"),
            Some(status) => job["status"] = json!(status),
            None => {}
        }
        if self.config.advance_jobs {
            let stages = ["PENDING", "RUNNING", "COMPLETED"];
            if let Some(start) = stages.iter().position(|s| *s == str_field(&job, "status")) {
                let mut polls = self
                    .polls
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let seen = polls.entry(id.to_string()).or_insert(0);
                *seen += 1;
                job["status"] = json!(stages[(start + *seen - 1).min(2)]);
            }
        }
        let job = &job;
        let mut response = Map::new();
        response.insert("job".into(), job.clone());
        if str_field(job, "status") == "COMPLETED" {
            let mut expand: Vec<&str> = values(query, "expand").flat_map(|v| v.split(',')).collect();
            if self.config.always_full && expand.contains(&"markdown") && !expand.contains(&"markdown_full") {
                expand.push("markdown_full");
            }
            self.expand_into(&mut response, index, job, &expand);
            self.link_files(&mut response, id, query, None);
        }
        Answer::json(200, &Value::Object(response))
    }

    fn expand_into(&self, response: &mut Map<String, Value>, index: usize, job: &Value, expand: &[&str]) {
        let pages = self.pages(index, job);
        // The fast tier makes text only (the big benchmark document aside).
        let text_only =
            str_field(job, "tier") == "fast" && !(index == 0 && self.config.markdown_mib.is_some());
        expand_pages(response, job, &pages, text_only, expand, None);
    }

    /// The pages of a completed job: `Ok((number, markdown))`, or `Err(number)` for a failed page.
    fn pages(&self, index: usize, job: &Value) -> Vec<Result<(usize, String), usize>> {
        if index == 0
            && let Some(mib) = self.config.markdown_mib
        {
            return big_document(mib, self.config.page_kib);
        }
        let count = 1 + index % 5;
        let name = job.get("name").and_then(Value::as_str).unwrap_or("Untitled");
        (1..=count)
            .map(|n| {
                if index % 23 == 4 && n == count && count > 1 {
                    Err(n)
                } else {
                    Ok((n, format!("# {name}\n\nPage {n} of {count}.\n\n| quarter | revenue |\n|---|---|\n| Q{n} | {} |", 1000 + index * 7 + n)))
                }
            })
            .collect()
    }
}

/// The whole document: the pages that did not fail, a blank line between them.
fn joined(pages: &[Result<(usize, String), usize>]) -> String {
    pages
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .map(|(_, md)| md.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Puts the parts named in `expand` of a completed job with these pages into `response`.
fn expand_pages(
    response: &mut Map<String, Value>,
    job: &Value,
    pages: &[Result<(usize, String), usize>],
    text_only: bool,
    expand: &[&str],
    outputs: Option<&assets::Outputs>,
) {
    let printed = outputs.is_some_and(|o| o.printed_page_number);
    for &part in expand {
        let value = match part {
            "markdown" | "markdown_full" | "items" if text_only => continue,
            "items" => assets::items(pages),
            "markdown" => json!({ "pages": pages.iter().map(|p| match p {
                    Ok((n, md)) => json!({"markdown": md, "page_number": n, "success": true}),
                    Err(n) => json!({"error": "Page could not be parsed: OCR timeout", "page_number": n, "success": false}),
                }).collect::<Vec<_>>() }),
            "text" => {
                json!({ "pages": pages.iter().filter_map(|p| p.as_ref().ok()).map(|(n, md)| {
                    json!({"page_number": n, "text": md.replace('#', "").trim_start()})
                }).collect::<Vec<_>>() })
            }
            "markdown_full" => Value::String(joined(pages)),
            "metadata" => json!({ "pages": pages.iter().map(|p| {
                    let n = match p { Ok((n, _)) => *n, Err(n) => *n };
                    let mut page = json!({"page_number": n, "confidence": 0.97, "cost_optimized": false});
                    if printed {
                        page["printed_page_number"] = json!(assets::printed_label(n));
                    }
                    page
                }).collect::<Vec<_>>() }),
            "job_metadata" => {
                json!({"job_pages": pages.len(), "credits_used": 3 * pages.len(), "parse_mode": "parse_page_with_agent"})
            }
            field if field.ends_with("_content_metadata") => {
                let name = field.trim_end_matches("_content_metadata");
                // A made job has an xlsx file only when `tables_as_spreadsheet` asked for it.
                let spreadsheet = outputs.filter(|_| name == "xlsx").map(|o| o.spreadsheet);
                let entry = match spreadsheet {
                    Some(true) => json!({"size_bytes": assets::xlsx(pages).len(), "exists": true}),
                    Some(false) => json!({"size_bytes": 0, "exists": false}),
                    None => json!({"size_bytes": 1024 * pages.len(), "exists": true,
                        "presigned_url": format!("https://files.example.invalid/{}/{name}.json?sig=fake", str_field(job, "id"))}),
                };
                response
                    .entry("result_content_metadata")
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .map(|m| m.insert(name.to_string(), entry));
                continue;
            }
            _ => continue,
        };
        response.insert(part.to_string(), value);
    }
}

/// The item with `id` among `items`, and its status as cancel and delete have left it.
fn current<'a>(
    items: &'a [Value],
    changed: &std::collections::HashMap<String, &'static str>,
    id: &str,
) -> Option<(&'a Value, &'a str)> {
    let item = items.iter().find(|item| str_field(item, "id") == id)?;
    let status = changed.get(id).copied().unwrap_or(str_field(item, "status"));
    Some((item, status))
}

/// The parse versions, as `GET /api/v2/parse/versions` lists them.
fn versions() -> Value {
    json!({
        "fast": ["2026-06-15", "2025-12-11"],
        "cost_effective": ["2026-08-19", "2026-08-11", "2026-03-25"],
        "agentic": ["2026-08-19", "2026-07-24", "2025-12-11"],
        "agentic_plus": ["2026-08-19", "2026-07-08"],
        "latest": {"fast": "2026-06-15", "cost_effective": "2026-08-19", "agentic": "2026-08-19", "agentic_plus": "2026-08-19"}
    })
}

/// A large markdown document in pages of `page_kib` KiB (0: one page).
fn big_document(mib: usize, page_kib: usize) -> Vec<Result<(usize, String), usize>> {
    let page_size = if page_kib == 0 { mib << 20 } else { page_kib << 10 };
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.\n";
    let mut pages = Vec::new();
    let mut remaining = mib << 20;
    let mut n = 1;
    while remaining > 0 {
        let size = remaining.min(page_size);
        let mut page = format!("# Page {n}\n\n");
        while page.len() + line.len() <= size {
            page.push_str(line);
        }
        remaining -= size;
        pages.push(Ok((n, page)));
        n += 1;
    }
    pages
}

fn parse_job(i: usize, newest: Timestamp) -> Value {
    let h = mix(i as u64, 1);
    let status = match h % 20 {
        0..=13 => "COMPLETED",
        14..=15 => "FAILED",
        16 => "RUNNING",
        17 => "PENDING",
        _ => "CANCELLED",
    };
    // The first jobs, and those with a failed page, are finished so their content can be read.
    let status = if i < 3 || i % 23 == 4 { "COMPLETED" } else { status };
    let name = match i {
        5 => Some("evil\u{1b}[31mred\u{1b}[0m\u{7}.pdf".to_string()),
        6 => Some("tab\there\nnewline.pdf".to_string()),
        7 => Some("Résumé – 2026 \u{202e}fdp.exe".to_string()),
        _ if h % 11 == 3 => None,
        _ => Some(format!(
            "{} {i}.pdf",
            ["Q4 Financial Report", "Invoice", "Contract", "Board minutes"][(h % 4) as usize]
        )),
    };
    let created = (i as i64) * 17 + 5;
    let mut job = json!({
        "id": fake_id("pjb", i),
        "project_id": PROJECT_ID,
        "status": status,
        "created_at": time_before(newest, created),
        "name": name,
        "tier": TIERS[(h % 4) as usize],
        "updated_at": time_before(newest, created - 3),
    });
    if status == "FAILED" {
        job["error_message"] = json!("Document could not be downloaded: 403 from source");
    }
    if i.is_multiple_of(10) {
        // Fields the CLI does not know must survive, numbers unrounded.
        job["usage"] = json!({"credits": 45});
        job["user_metadata"] = serde_json::from_str(r#"{"batch": 12345678901234567890123, "ratio": 0.1000}"#)
            .unwrap_or(Value::Null);
    }
    if name.is_none() {
        job.as_object_mut().map(|m| m.remove("name"));
    }
    job
}

fn batch(i: usize, newest: Timestamp) -> Value {
    let h = mix(i as u64, 2);
    let created = (i as i64) * 95 + 11;
    json!({
        "id": fake_id("bat", i),
        "config": {"job": {"configuration_id": fake_id("cfg", (h % 3) as usize), "type": if h.is_multiple_of(3) { "extract_v2" } else { "parse_v2" }}},
        "project_id": PROJECT_ID,
        "source_directory_id": fake_id("dir", (h % 4) as usize),
        "status": BATCH_STATUSES[(h % 6) as usize],
        "created_at": time_before(newest, created),
        "updated_at": time_before(newest, created - 30),
    })
}

fn batch_job(i: usize, newest: Timestamp) -> Value {
    let h = mix(i as u64, 3);
    let status = BATCH_JOB_STATUSES[(h % 6) as usize];
    let total = 5 + (h % 200);
    let processed = if status == "completed" {
        total
    } else {
        (h >> 8) % (total + 1)
    };
    let created = (i as i64) * 61 + 2;
    let mut job = json!({
        "id": fake_id("bjb", i),
        "job_type": BATCH_JOB_TYPES[(h % 3) as usize],
        "project_id": PROJECT_ID,
        "status": status,
        "total_items": total,
        "processed_items": processed,
        "failed_items": (h >> 16) % 3,
        "skipped_items": (h >> 20) % 2,
        "directory_id": fake_id("dir", (h % 4) as usize),
        "created_at": time_before(newest, created),
        "started_at": time_before(newest, created - 1),
        "updated_at": time_before(newest, created - 9),
        "workflow_id": format!("wf-{:x}", h),
    });
    if status == "completed" {
        job["completed_at"] = json!(time_before(newest, created - 9));
    }
    if status == "failed" {
        job["error_message"] = json!("Directory was deleted");
    }
    job
}

/// Status, creation range and project: the filters the cursor endpoints share.
struct CommonFilters<'q> {
    status: Option<&'q str>,
    after: Option<Timestamp>,
    before: Option<Timestamp>,
    project: Option<&'q str>,
}

impl<'q> CommonFilters<'q> {
    fn read(query: &'q [(String, String)], statuses: &[&str]) -> Result<Self, Answer> {
        let status = first(query, "status");
        if let Some(s) = status.filter(|s| !statuses.contains(s)) {
            return Err(Answer::invalid(
                "status",
                format!("Input should be one of {statuses:?}"),
                s,
            ));
        }
        Ok(CommonFilters {
            status,
            after: time(query, "created_at_on_or_after")?,
            before: time(query, "created_at_on_or_before")?,
            project: first(query, "project_id"),
        })
    }

    fn matches(&self, item: &Value) -> bool {
        let created = || str_field(item, "created_at").parse::<Timestamp>().ok();
        self.status.is_none_or(|s| str_field(item, "status") == s)
            && self.project.is_none_or(|p| str_field(item, "project_id") == p)
            && self.after.is_none_or(|a| created().is_some_and(|c| c >= a))
            && self.before.is_none_or(|b| created().is_some_and(|c| c <= b))
    }
}

/// Cursor paging: the token is an opaque encoding of the next offset. Only the page and one
/// more item are looked at, so paging through a large listing stays fast.
/// `cap`, when set, is the most items a page has whatever the page size asked.
fn cursor_page<'a>(
    items: impl Iterator<Item = &'a Value>,
    query: &[(String, String)],
    cap: Option<usize>,
) -> Answer {
    let size = match number(query, "page_size", DEFAULT_PAGE_SIZE, 1, 1000) {
        Ok(n) => n.min(MAX_PAGE_SIZE).min(cap.map_or(usize::MAX, |c| c.max(1))),
        Err(answer) => return answer,
    };
    let start = match first(query, "page_token") {
        None => 0,
        Some(token) => match decode_token(token) {
            Some(offset) => offset,
            None => return Answer::detail(400, "Invalid page token"),
        },
    };
    let mut page: Vec<&Value> = items.skip(start).take(size + 1).collect();
    let more = page.len() > size;
    page.truncate(size);
    let mut body = json!({ "items": items_or_null(&page) });
    if more {
        body["next_page_token"] = json!(encode_token(start + size));
    }
    Answer::json(200, &body)
}

/// The items of a page; an empty page says `null`, as the API may (the SDKs read it as empty).
fn items_or_null(page: &[&Value]) -> Value {
    if page.is_empty() { Value::Null } else { json!(page) }
}

fn encode_token(offset: usize) -> String {
    format!("pt_{:x}", (offset as u64) ^ 0x5eed_5eed)
}

fn decode_token(token: &str) -> Option<usize> {
    let hex = token.strip_prefix("pt_")?;
    u64::from_str_radix(hex, 16)
        .ok()
        .map(|v| (v ^ 0x5eed_5eed) as usize)
}

fn first<'q>(query: &'q [(String, String)], key: &str) -> Option<&'q str> {
    values(query, key).next()
}

fn values<'q, 'k>(
    query: &'q [(String, String)],
    key: &'k str,
) -> impl Iterator<Item = &'q str> + use<'q, 'k> {
    query
        .iter()
        .filter(move |(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn number(
    query: &[(String, String)],
    key: &str,
    default: usize,
    min: usize,
    max: usize,
) -> Result<usize, Answer> {
    match first(query, key) {
        None => Ok(default),
        Some(raw) => match raw.parse::<usize>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            _ => Err(Answer::invalid(
                key,
                format!("Input should be an integer between {min} and {max}"),
                raw,
            )),
        },
    }
}

fn time(query: &[(String, String)], key: &str) -> Result<Option<Timestamp>, Answer> {
    match first(query, key) {
        None => Ok(None),
        Some(raw) => raw
            .parse::<Timestamp>()
            .map(Some)
            .map_err(|_| Answer::invalid(key, "Input should be a valid datetime".into(), raw)),
    }
}

fn str_field<'v>(item: &'v Value, key: &str) -> &'v str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Creates: `POST /api/v2/parse/upload` (multipart) and `POST /api/v2/parse` (JSON), and the
/// jobs they make.
impl Fake {
    fn create_from_upload(&self, request: Request) -> Answer {
        let content_type = request.content_type.unwrap_or_default();
        let parts = match upload::multipart(content_type, request.body) {
            Ok(parts) => parts,
            Err(why) => return Answer::detail(400, &format!("Invalid multipart body: {why}")),
        };
        let part = |name: &str| parts.iter().find(|p| p.name == name);
        let Some(configuration) = part("configuration") else {
            return Answer::invalid_body("configuration", "Field required");
        };
        let Some(file) = part("file").filter(|f| f.filename.is_some()) else {
            return Answer::invalid_body("file", "Field required (a file with a filename)");
        };
        let config = match serde_json::from_slice::<Value>(&configuration.head) {
            Ok(config @ Value::Object(_)) => config,
            _ => return Answer::invalid_body("configuration", "Invalid JSON object"),
        };
        if let Some(answer) = check_configuration(&config, false) {
            return answer;
        }
        let selection = match Selection::read(&config) {
            Ok(selection) => selection,
            Err(answer) => return answer,
        };
        let name = file.filename.clone().unwrap_or_default();
        let pages = file_pages(&name, file, self.config.pdf_page_kib);
        self.create(&config, name, &pages, &selection)
    }

    /// `POST /api/v1/beta/files`: a file kept for jobs by its `file_id`, with its pages as an
    /// upload create would make them.
    fn upload_file(&self, request: Request, query: &[(String, String)]) -> Answer {
        let content_type = request.content_type.unwrap_or_default();
        let parts = match upload::multipart(content_type, request.body) {
            Ok(parts) => parts,
            Err(why) => return Answer::detail(400, &format!("Invalid multipart body: {why}")),
        };
        let part = |name: &str| parts.iter().find(|p| p.name == name);
        let Some(file) = part("file").filter(|f| f.filename.is_some()) else {
            return Answer::invalid_body("file", "Field required (a file with a filename)");
        };
        let Some(purpose) = part("purpose") else {
            return Answer::invalid_body("purpose", "Field required");
        };
        let purpose = String::from_utf8_lossy(&purpose.head).into_owned();
        if !FILE_PURPOSES.contains(&purpose.as_str()) {
            return Answer::invalid_body("purpose", &format!("Input should be one of {FILE_PURPOSES:?}"));
        }
        let external = part("external_file_id").map(|p| String::from_utf8_lossy(&p.head).into_owned());
        let name = file.filename.clone().unwrap_or_default();
        let pages = file_pages(&name, file, self.config.pdf_page_kib);
        let number = self.files_ever.fetch_add(1, Ordering::SeqCst);
        let id = fake_id("file", number);
        let now = Timestamp::now();
        let file_type = name
            .rsplit_once('.')
            .map(|(_, extension)| extension.to_ascii_lowercase());
        let answer = json!({
            "id": id,
            "name": name,
            "external_file_id": external,
            "project_id": first(query, "project_id").unwrap_or(PROJECT_ID),
            "file_type": file_type,
            "purpose": purpose,
            "expires_at": (now + SignedDuration::from_hours(48)).to_string(),
            "created_at": now.to_string(),
            "last_modified_at": now.to_string(),
            "file_size": file.size,
        });
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(
                id,
                Uploaded {
                    name,
                    pages: std::sync::Arc::new(pages),
                },
            );
        // 201, as the API's OpenAPI document says (clients take any 2xx).
        Answer::json(201, &answer)
    }

    fn create_from_json(&self, request: Request) -> Answer {
        let config = match upload::json(request.body) {
            Ok(config @ Value::Object(_)) => config,
            Ok(_) => return Answer::invalid_body("body", "Input should be an object"),
            Err(why) => return Answer::detail(400, &why),
        };
        if let Some(answer) = check_configuration(&config, true) {
            return answer;
        }
        let selection = match Selection::read(&config) {
            Ok(selection) => selection,
            Err(answer) => return answer,
        };
        let (name, pages) = match (config.get("source_url"), config.get("file_id")) {
            (Some(Value::String(url)), None) => {
                let name = url.rsplit('/').next().unwrap_or(url).to_string();
                let note = format!("# {url}\n\nFetched from {url} and parsed by the fake LlamaCloud.");
                let pages = std::sync::Arc::new(text_pages(&note, name.contains("partial")));
                (name, pages)
            }
            (None, Some(Value::String(id))) if !id.starts_with("file-") => {
                return Answer::detail(404, &format!("File {id} not found"));
            }
            (None, Some(Value::String(id))) => {
                let files = self
                    .files
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                match files.get(id) {
                    // An uploaded file: its name and pages.
                    Some(file) => (file.name.clone(), std::sync::Arc::clone(&file.pages)),
                    // A file never uploaded here: a generic document named by its id.
                    None => {
                        let note = format!("# File {id}\n\nParsed by the fake LlamaCloud.");
                        (
                            id.clone(),
                            std::sync::Arc::new(text_pages(&note, id.contains("partial"))),
                        )
                    }
                }
            }
            _ => {
                return Answer::invalid_body(
                    "source_url",
                    "Exactly one of source_url and file_id is required",
                );
            }
        };
        self.create(&config, name, &pages, &selection)
    }

    /// Makes a job over the `selection` of `pages` (unless the configured fault, or the page cap
    /// at create, says otherwise) and answers with it, flat.
    fn create(&self, config: &Value, name: String, pages: &Pages, selection: &Selection) -> Answer {
        std::thread::sleep(self.config.create_delay);
        let share = mix(name.bytes().map(u64::from).sum(), name.len() as u64) % 100;
        if share < u64::from(self.config.throttle_percent)
            && self
                .throttled
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(name.clone())
        {
            let mut answer = Answer::detail(429, "Too many requests");
            answer.headers.push(("Retry-After", "1".into()));
            return answer;
        }
        let n = self.creates.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let fault = self.config.create_faults.get(n).copied();
        match fault {
            Some(429) => {
                let mut answer = Answer::detail(429, "Too many requests");
                answer.headers.push(("Retry-After", "1".into()));
                return answer;
            }
            Some(503) => return Answer::detail(503, "Service unavailable"),
            Some(400) => return Answer::detail(400, "Invalid configuration"),
            Some(402) => return Answer::detail(402, "Insufficient credits"),
            _ => {}
        }
        if let Some(balance) = self.config.credit_balance {
            let billed = self.credits_billed();
            if billed >= balance {
                return Answer::detail(
                    402,
                    &format!(
                        "Insufficient credits: {} of the organization's {} credits have been used",
                        credits_json(billed),
                        credits_json(balance)
                    ),
                );
            }
        }
        let pages = selection.apply(pages);
        let refusal = self
            .config
            .max_pages_per_job
            .filter(|&cap| cap > 0 && pages.len() > cap)
            .map(|cap| page_cap_message(pages.len(), cap));
        if let Some(refusal) = &refusal
            && self.config.page_cap_at == PageCapAt::Create
        {
            return Answer::detail(400, refusal);
        }
        let has = |page: usize| {
            pages
                .iter()
                .any(|p| matches!(p, Ok((n, _)) | Err(n) if *n == page))
        };
        let refusal = refusal.or_else(|| {
            let page = self.config.fail_page_once.filter(|&page| has(page))?;
            (!self.failed_page_once.swap(true, Ordering::SeqCst))
                .then(|| format!("The parse engine stopped on page {page}: internal error"))
        });
        // A refused job parses nothing: it fails as soon as `job_time` allows.
        let (mut pages, error) = match refusal {
            Some(refusal) => (Vec::new(), Some(refusal)),
            None => (pages, None),
        };
        let outputs = assets::Outputs::read(config).unwrap_or_default();
        assets::add_references(&outputs, &mut pages);
        self.spoil_pages(config, &mut pages);
        let time = match self.config.ms_per_page {
            Some(ms) => Some(
                self.config.job_time.unwrap_or_default()
                    + Duration::from_millis(ms.saturating_mul(pages.len() as u64)),
            ),
            None => self.config.job_time,
        };
        let mut made = self.made();
        made.prune();
        if let Some(limit) = self.config.max_running
            && made.running.len() >= limit
        {
            drop(made);
            let mut answer = Answer::detail(
                429,
                &format!("Too many parse jobs running: at most {limit} at once; retry once one has ended"),
            );
            answer.headers.push(("Retry-After", "1".into()));
            return answer;
        }
        let number = self.made_ever.fetch_add(1, Ordering::SeqCst);
        let now = Timestamp::now().to_string();
        let job = json!({
            "id": fake_id("pjb", 1_000_000 + number),
            "project_id": PROJECT_ID,
            "status": "PENDING",
            "name": name,
            "tier": config.get("tier").cloned().unwrap_or(json!("configured")),
            "created_at": now,
            "updated_at": now,
            "error_message": null,
            "user_metadata": config.get("user_metadata").cloned().unwrap_or(Value::Null),
            "client_name": config.get("client_name").cloned().unwrap_or(Value::Null),
        });
        let born = Instant::now();
        made.by_id.insert(str_field(&job, "id").to_string(), number);
        made.jobs.insert(
            number,
            Made {
                job: job.clone(),
                sent: config.clone(),
                pages,
                time,
                polls: 0,
                ends: if name.contains("fail") || error.is_some() {
                    "FAILED"
                } else {
                    "COMPLETED"
                },
                error,
                outputs,
                born,
                hidden: 0,
                credits: None,
            },
        );
        made.running.insert(number, (born, time));
        made.max_running_seen = made.max_running_seen.max(made.running.len());
        drop(made);
        std::thread::sleep(self.config.answer_delay);
        match fault {
            Some(502) => Answer::detail(502, "Bad gateway"),
            Some(0) => {
                let mut answer = Answer::json(200, &job);
                answer.cut = true;
                answer
            }
            _ => Answer::json(200, &job),
        }
    }

    /// Empties the pages of `empty_pages` and fails those of `failed_pages` among a made job's,
    /// unless its tier is agentic or agentic_plus (where they parse well).
    fn spoil_pages(&self, config: &Value, pages: &mut Pages) {
        let tier = config.get("tier").and_then(Value::as_str).unwrap_or_default();
        if matches!(tier, "agentic" | "agentic_plus") {
            return;
        }
        for page in pages.iter_mut() {
            let Ok((n, markdown)) = page else { continue };
            if self.config.failed_pages.contains(n) {
                *page = Err(*n);
            } else if self.config.empty_pages.contains(n) {
                markdown.clear();
            }
        }
    }

    /// Cancel and delete of a made job, by the same rules as for the others.
    fn change_made(&self, method: &str, parts: &[&str]) -> Option<Answer> {
        let (id, cancel) = match (method, parts) {
            ("POST", ["api", "v2", "parse", id, "cancel"]) => (*id, true),
            ("DELETE", ["api", "v2", "parse", id]) => (*id, false),
            _ => return None,
        };
        let mut made = self.made();
        let number = *made.by_id.get(id)?;
        let status = str_field(&made.jobs.get(&number)?.job, "status").to_string();
        Some(match (cancel, status.as_str()) {
            (true, "PENDING" | "RUNNING") => {
                made.running.remove(&number);
                let entry = made.jobs.get_mut(&number)?;
                // A job its time had ended but that was not fetched since was billed then: a
                // cancel still finds it running (as before), and it costs nothing.
                let refund = entry.credits.take().unwrap_or(0.0);
                entry.ends = "CANCELLED";
                entry.polls = 3;
                entry.job["status"] = json!("CANCELLED");
                let answer = Answer::json(200, &entry.job);
                made.billed -= refund;
                answer
            }
            (true, ended) => Answer::detail(
                409,
                &format!("The job has already ended ({ended}) and cannot be cancelled"),
            ),
            (false, "COMPLETED" | "FAILED" | "CANCELLED") => {
                made.by_id.remove(id);
                made.running.remove(&number);
                let job = made.jobs.remove(&number)?.job;
                Answer::json(
                    200,
                    &json!({"id": id, "project_id": str_field(&job, "project_id")}),
                )
            }
            (false, running) => Answer::detail(
                409,
                &format!("The job is {running}; only a job that has ended can be deleted"),
            ),
        })
    }

    /// Made job `number`, one step further along (each time it is fetched or listed by id); its
    /// status.
    fn advance(&self, made: &mut MadeJobs, number: usize) -> &'static str {
        let Some(entry) = made.jobs.get_mut(&number) else {
            return "DELETED";
        };
        entry.polls += 1;
        let stage = match entry.time {
            Some(time) if entry.ends != "CANCELLED" => {
                let age = entry.born.elapsed();
                usize::from(age >= time / 3) + usize::from(age >= time)
            }
            _ => (entry.polls - 1).min(2),
        };
        // A file named like `stuck` never ends (until it is cancelled).
        let stuck = entry.ends == "COMPLETED" && str_field(&entry.job, "name").contains("stuck");
        let stage = if stuck { stage.min(1) } else { stage };
        let status = ["PENDING", "RUNNING", entry.ends][stage];
        entry.job["status"] = json!(status);
        if status == "FAILED" {
            entry.job["error_message"] = json!(
                entry
                    .error
                    .as_deref()
                    .unwrap_or("The document could not be parsed: it is password-protected")
            );
        }
        if is_end(status) {
            made.running.remove(&number);
            // Billed once it has ended: credits per page parsed (a failed or empty one too), at
            // its tier's price (a failed or cancelled job costs nothing and parsed no page).
            made.billed += entry.bill(status, &self.prices());
            if entry.job.get("usage").is_none() {
                let pages = if status == "COMPLETED" {
                    entry.pages.len()
                } else {
                    0
                };
                entry.job["usage"] = json!({
                    "credits": credits_json(entry.credits.unwrap_or(0.0)),
                    "num_pages": pages,
                });
            }
        }
        status
    }

    /// A made job, one step further along each time it is fetched.
    fn get_made_job(&self, id: &str, query: &[(String, String)]) -> Option<Answer> {
        let mut made = self.made();
        let number = *made.by_id.get(id)?;
        let status = self.advance(&mut made, number);
        let entry = made.jobs.get(&number)?;
        let job = entry.job.clone();
        let mut response = Map::new();
        response.insert("job".into(), job.clone());
        if status == "COMPLETED" {
            let pages = &entry.pages;
            let expand: Vec<&str> = values(query, "expand").flat_map(|v| v.split(',')).collect();
            expand_pages(
                &mut response,
                &job,
                pages,
                str_field(&job, "tier") == "fast",
                &expand,
                Some(&entry.outputs),
            );
            let images = assets::images(&entry.outputs, pages);
            self.link_files(&mut response, id, query, Some(&images));
        }
        Some(Answer::json(200, &Value::Object(response)))
    }
}

/// Presigned links: result files and images, served by a second listener (another origin).
impl Fake {
    /// Now on the clock presigned links are given and checked by, in milliseconds since the epoch.
    fn link_now_ms(&self) -> u128 {
        let skew = *self
            .link_clock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        (std::time::SystemTime::now() + skew)
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    }

    fn link(&self, path: &str) -> String {
        let origin = self
            .files_url
            .get()
            .map_or("https://files.example.invalid", String::as_str);
        match self.config.link_ttl {
            None => format!("{origin}/files/{path}?X-Amz-Expires=3600&X-Amz-Signature=fake"),
            Some(ttl) => format!(
                "{origin}/files/{path}?X-Amz-Expires={}&X-Fake-Expires-At={}&X-Amz-Signature=fake",
                ttl.as_secs() + u64::from(ttl.subsec_nanos() > 0),
                self.link_now_ms() + ttl.as_millis()
            ),
        }
    }

    /// Points each result file at the files origin, and lists the images when asked: a made
    /// job's `images` (those of its `images_to_save`), else two fixed ones.
    fn link_files(
        &self,
        response: &mut Map<String, Value>,
        id: &str,
        query: &[(String, String)],
        images: Option<&[assets::Image]>,
    ) {
        if let Some(Value::Object(results)) = response.get_mut("result_content_metadata") {
            for (name, entry) in results.iter_mut() {
                if entry.get("exists").and_then(Value::as_bool) != Some(false) {
                    entry["presigned_url"] = json!(self.link(&format!("{id}/{name}")));
                }
            }
        }
        let expand: Vec<&str> = values(query, "expand").flat_map(|v| v.split(',')).collect();
        if expand.contains(&"images_content_metadata") {
            let wanted: Vec<&str> = first(query, "image_filenames")
                .map(|names| names.split(',').collect())
                .unwrap_or_default();
            let wanted = |name: &str| wanted.is_empty() || wanted.contains(&name);
            let images: Vec<Value> = match images {
                Some(images) => images
                    .iter()
                    .enumerate()
                    .filter(|(_, image)| wanted(&image.filename))
                    .map(|(index, image)| {
                        image.metadata(index, self.link(&format!("{id}/images/{}", image.filename)))
                    })
                    .collect(),
                None => ["image_0.png", "image_1.jpg"]
                    .iter()
                    .enumerate()
                    .filter(|(_, name)| wanted(name))
                    .map(|(index, name)| {
                        json!({"filename": name, "index": index, "category": "embedded",
                            "content_type": if name.ends_with(".png") { "image/png" } else { "image/jpeg" },
                            "presigned_url": self.link(&format!("{id}/images/{name}"))})
                    })
                    .collect(),
            };
            response.insert(
                "images_content_metadata".into(),
                json!({"images": images, "total_count": images.len()}),
            );
        }
    }

    /// `GET /files/{job}/{name}` or `/files/{job}/images/{name}` on the files origin: no key
    /// needed (the link is the credential); every request is recorded. An expired link (all of
    /// them with `links_expire`; with `link_ttl`, one past its `X-Fake-Expires-At`, or without
    /// it) is answered 403 with S3's AccessDenied.
    fn serve_file(&self, path: &str, query: &[(String, String)], with_key: bool) -> Answer {
        self.file_requests
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), with_key));
        let expired = self.config.links_expire
            || self.config.link_ttl.is_some()
                && first(query, "X-Fake-Expires-At")
                    .and_then(|at| at.parse::<u128>().ok())
                    .is_none_or(|at| self.link_now_ms() >= at);
        if expired {
            return Answer::bytes(
                403,
                b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>".to_vec(),
            );
        }
        if let [id, "markdown"] = path.split('/').collect::<Vec<_>>().as_slice()
            && let Some(mib) = self.config.result_mib
            && self.parse_jobs.first().is_some_and(|j| str_field(j, "id") == *id)
        {
            let mut answer = Answer::bytes(200, Vec::new());
            answer.generated = Some(mib << 20);
            return answer;
        }
        match self.file_bytes(path) {
            Some(bytes) => {
                let mut answer = Answer::bytes(200, bytes);
                answer.stored = path.split('/').nth(1) == Some("images");
                answer
            }
            None => Answer::detail(404, "NoSuchKey"),
        }
    }

    /// The bytes of the file at `path` on the files origin (`{job}/{name}` or
    /// `{job}/images/{name}`), or `None` where there is none.
    fn file_bytes(&self, path: &str) -> Option<Vec<u8>> {
        let parts: Vec<&str> = path.split('/').collect();
        // A made job's image is found under the lock and made after it (a padded one takes a
        // while): `Some(None)` when the job saved no image of that name.
        let image = {
            let made = self.made();
            let entry = parts
                .first()
                .and_then(|id| made.by_id.get(*id))
                .and_then(|number| made.jobs.get(number));
            match (entry, parts.as_slice()) {
                (Some(entry), [_, "images", name]) => Some(
                    assets::images(&entry.outputs, &entry.pages)
                        .into_iter()
                        .find(|image| image.filename == *name),
                ),
                (Some(entry), [_, "xlsx"]) => {
                    return entry.outputs.spreadsheet.then(|| assets::xlsx(&entry.pages));
                }
                _ => None,
            }
        };
        if let Some(image) = image {
            return image.map(|image| image.bytes(parts[0], self.config.image_kib));
        }
        match parts.as_slice() {
            [_, "images", name] => Some(format!("\u{89}PNG fake image {name}").into_bytes()),
            [id, name] => {
                let text = self.document_of(id)?;
                Some(match *name {
                    "markdown" | "markdown_full" => text.into_bytes(),
                    "text" | "text_full" => text.replace('#', "").into_bytes(),
                    other => json!({ "kind": other, "document": text })
                        .to_string()
                        .into_bytes(),
                })
            }
            _ => None,
        }
    }

    /// The whole document of a completed job (made or generated).
    fn document_of(&self, id: &str) -> Option<String> {
        {
            let made = self.made();
            if let Some(entry) = made.by_id.get(id).and_then(|number| made.jobs.get(number)) {
                return Some(joined(&entry.pages));
            }
        }
        let index = self.parse_jobs.iter().position(|j| str_field(j, "id") == id)?;
        Some(joined(&self.pages(index, &self.parse_jobs[index])))
    }
}

/// A create's configuration: a tier and a version, or a saved configuration.
fn check_configuration(config: &Value, json_body: bool) -> Option<Answer> {
    let has = |key: &str| {
        config
            .get(key)
            .is_some_and(|v| v.as_str().is_some_and(|s| !s.is_empty()))
    };
    if !has("configuration_id") {
        for key in ["tier", "version"] {
            if !has(key) {
                return Some(Answer::invalid_body(key, "Field required"));
            }
        }
    }
    if let Some(tier) = config.get("tier").and_then(Value::as_str)
        && !TIERS.contains(&tier)
        && tier != "configured"
    {
        return Some(Answer::invalid_body(
            "tier",
            &format!("Input should be one of {TIERS:?}"),
        ));
    }
    if !json_body && (config.get("source_url").is_some() || config.get("file_id").is_some()) {
        return Some(Answer::invalid_body(
            "configuration",
            "source_url and file_id do not go with an upload",
        ));
    }
    if let Err(answer) = assets::Outputs::read(config) {
        return Some(answer);
    }
    // As the API's multipart configuration: a key it does not take is refused.
    let known: Value = serde_json::from_str(CONFIGURATION_TREE).unwrap_or_default();
    if let (Some(given), Some(known)) = (config.as_object(), known.as_object())
        && let Some(extra) = given.keys().find(|key| !known.contains_key(*key))
    {
        return Some(Answer::json(
            422,
            &json!({"detail": [{"type": "extra_forbidden", "loc": ["body", "configuration", extra],
                "msg": format!("Invalid configuration: LlamaParseMultipartConfiguration {extra} Extra inputs are not permitted")}]}),
        ));
    }
    None
}

/// The keys the API's parse configuration takes (the client's copy, derived from the API's
/// OpenAPI document).
const CONFIGURATION_TREE: &str = include_str!("../../../src/api/configuration-tree.json");

/// What `purpose` of `POST /api/v1/beta/files` may be.
const FILE_PURPOSES: [&str; 7] = [
    "user_data",
    "parse",
    "extract",
    "classify",
    "split",
    "sheet",
    "agent_app",
];

/// The pages of an uploaded file: one a page of a PDF lopdf can read (kept whole up to
/// `KEEP_PDF_BYTES`; each padded to `pdf_page_kib` KiB when not 0), else 60-line chunks of a
/// note on it and the start of its text.
fn file_pages(name: &str, file: &upload::Part, pdf_page_kib: usize) -> Pages {
    let partial = name.contains("partial");
    if let Some(count) = crate::pdf::page_count(&file.head) {
        let mut pages = pdf_pages(name, count, partial);
        if pdf_page_kib > 0 {
            for (_, page) in pages.iter_mut().flatten() {
                pad_page(page, pdf_page_kib << 10);
            }
        }
        return pages;
    }
    let head = &file.head[..file.head.len().min(upload::KEEP_BYTES)];
    let document = format!(
        "# {name}\n\n{} bytes, {}.\n\n{}",
        file.size,
        file.content_type.as_deref().unwrap_or("no content type"),
        String::from_utf8_lossy(head).trim_end()
    );
    text_pages(&document, partial)
}

/// A PDF's pages, each saying which it is: `# {name}`, `Page {n} of {count}.`, a table row.
fn pdf_pages(name: &str, count: usize, partial: bool) -> Pages {
    let mut pages: Pages = (1..=count)
        .map(|n| {
            Ok((
                n,
                format!(
                    "# {name}\n\nPage {n} of {count}.\n\n| page | words |\n|---|---|\n| {n} | {} |",
                    100 + (n * 37) % 400
                ),
            ))
        })
        .collect();
    // A file named like `partial` completes with its second page failed.
    if partial {
        match pages.get_mut(1) {
            Some(page) => *page = Err(2),
            None => pages.push(Err(2)),
        }
    }
    pages
}

/// Pads `page` with filler lines to `size` bytes (the last line cut to fit; a page already
/// that long is left as it is).
fn pad_page(page: &mut String, size: usize) {
    const FILLER: &str = "Filler text standing in for a dense page, to make its markdown large.\n";
    if page.len() >= size {
        return;
    }
    page.reserve_exact(size - page.len());
    page.push_str("\n\n");
    while page.len() + FILLER.len() <= size {
        page.push_str(FILLER);
    }
    let rest = size.saturating_sub(page.len());
    page.push_str(&FILLER[..rest]);
}

/// A text document in pages of 60 lines. Named like `partial`, it completes with a failed page
/// 2 put in (the pages after it numbered on), as the API completes a job whose failed pages stay
/// under `allowed_page_failure_ratio`.
fn text_pages(document: &str, partial: bool) -> Pages {
    let lines: Vec<&str> = document.lines().collect();
    let mut pages: Pages = lines
        .chunks(60)
        .enumerate()
        .map(|(i, chunk)| Ok((i + 1, chunk.join("\n"))))
        .collect();
    if partial {
        pages.insert(1.min(pages.len()), Err(2));
        for (i, page) in pages.iter_mut().enumerate().skip(2) {
            if let Ok((n, _)) = page {
                *n = i + 1;
            }
        }
    }
    pages
}

/// The pages a create's `page_ranges` selects: `target_pages` ("1,3,5-8", 1-based) wins over
/// `max_pages` (the first N).
#[derive(Debug, PartialEq, Eq)]
enum Selection {
    All,
    First(usize),
    /// Ranges of page numbers, first to last (inclusive), in order and apart.
    Ranges(Vec<(usize, usize)>),
}

impl Selection {
    fn read(config: &Value) -> Result<Selection, Answer> {
        let ranges = match config.get("page_ranges") {
            None | Some(Value::Null) => return Ok(Selection::All),
            Some(ranges @ Value::Object(_)) => ranges,
            Some(_) => {
                return Err(Answer::invalid_body(
                    "page_ranges",
                    "Input should be a valid dictionary",
                ));
            }
        };
        match ranges.get("target_pages") {
            None | Some(Value::Null) => {}
            Some(Value::String(targets)) => return Selection::targets(targets).map(Selection::Ranges),
            Some(_) => {
                return Err(Answer::invalid_body(
                    "page_ranges",
                    "target_pages: Input should be a valid string",
                ));
            }
        }
        match ranges.get("max_pages") {
            None | Some(Value::Null) => Ok(Selection::All),
            Some(Value::Number(n)) => match n.as_u64() {
                Some(0) => Err(Answer::detail(
                    400,
                    "Invalid page_ranges.max_pages 0: at least one page must be parsed",
                )),
                Some(n) => Ok(Selection::First(usize::try_from(n).unwrap_or(usize::MAX))),
                None => Err(Answer::invalid_body(
                    "page_ranges",
                    "max_pages: Input should be a valid integer",
                )),
            },
            Some(_) => Err(Answer::invalid_body(
                "page_ranges",
                "max_pages: Input should be a valid integer",
            )),
        }
    }

    /// `target_pages` as ranges, or a 400 saying why it is not one.
    fn targets(raw: &str) -> Result<Vec<(usize, usize)>, Answer> {
        let refuse =
            |why: String| Answer::detail(400, &format!("Invalid page_ranges.target_pages \"{raw}\": {why}"));
        let page = |text: &str| {
            let text = text.trim();
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            text.parse::<usize>().ok()
        };
        let mut ranges = Vec::new();
        for item in raw.split(',') {
            let (first, last) = match item.split_once('-') {
                Some((first, last)) => (page(first), page(last)),
                None => (page(item), page(item)),
            };
            let (Some(first), Some(last)) = (first, last) else {
                return Err(refuse(format!(
                    "\"{}\" is neither a page number nor a range like 5-8",
                    item.trim()
                )));
            };
            if first == 0 || last == 0 {
                return Err(refuse("pages are numbered from 1: there is no page 0".into()));
            }
            if last < first {
                return Err(refuse(format!("the range {first}-{last} ends before it starts")));
            }
            ranges.push((first, last));
        }
        ranges.sort_unstable();
        if let Some(twice) = ranges.windows(2).find(|w| w[1].0 <= w[0].1) {
            return Err(refuse(format!("page {} is given more than once", twice[1].0)));
        }
        Ok(ranges)
    }

    /// The selected pages of `pages`, in order, with their numbers; pages past the end are not
    /// there.
    fn apply(&self, pages: &Pages) -> Pages {
        let number = |page: &Result<(usize, String), usize>| match page {
            Ok((n, _)) | Err(n) => *n,
        };
        match self {
            Selection::All => pages.clone(),
            Selection::First(n) => pages.iter().take(*n).cloned().collect(),
            Selection::Ranges(ranges) => pages
                .iter()
                .filter(|page| {
                    let n = number(page);
                    ranges.iter().any(|&(first, last)| first <= n && n <= last)
                })
                .cloned()
                .collect(),
        }
    }
}
