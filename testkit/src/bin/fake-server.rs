//! A local fake LlamaCloud for trying `llamacloud` without an account:
//!
//!     cargo run -p testkit --bin fake-server
//!
//! then, in another terminal, point the CLI at the address it prints. The fake itself lives in
//! `testkit::fake` (testkit/src/fake/), which the tests and `cargo run -p try` use too.

use clap::Parser;
use testkit::fake::{self, http};

/// A fake LlamaCloud API on loopback, serving generated parse jobs, batches and
/// batch-processing jobs with real filtering and paging; creates (by upload, by URL, or by the
/// file_id of a file uploaded to /api/v1/beta/files) make jobs over the document's pages (one a
/// page of a PDF), honouring page_ranges, a page cap per job and a job time per page, and
/// producing what output_options ask (images_to_save, tables_as_spreadsheet,
/// extract_printed_page_number; expand=items), fetched through presigned links. A job is billed
/// when it ends: usage {"credits", "num_pages"}, its pages at its tier's price (--price), counted
/// against --credit-balance; --empty-page and --failed-page spoil pages below the agentic tiers.
#[derive(Parser)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one)
    #[arg(long, default_value_t = 8765)]
    port: u16,
    /// Number of parse jobs
    #[arg(long, default_value_t = 250)]
    parse_jobs: usize,
    /// Number of batches
    #[arg(long, default_value_t = 60)]
    batches: usize,
    /// Number of batch-processing jobs
    #[arg(long, default_value_t = 130)]
    batch_jobs: usize,
    /// Give the newest parse job a markdown document of this many MiB
    #[arg(long, value_name = "MIB")]
    markdown_mib: Option<usize>,
    /// Its pages' size in KiB; 0 puts the whole document in one page
    #[arg(long, value_name = "KIB", default_value_t = 1024)]
    page_kib: usize,
    /// Also send markdown_full whenever markdown is asked for (the worst case for memory)
    #[arg(long)]
    always_full: bool,
    /// Keep every job as it is: PENDING and RUNNING jobs otherwise move one step toward
    /// COMPLETED each time one is fetched again (so --wait can be tried)
    #[arg(long)]
    static_jobs: bool,
    /// Accept only this API key (default: any key starting with llx-)
    #[arg(long)]
    api_key: Option<String>,
    /// Answer the v1 beta batch-processing endpoint with 404, as newer API versions do
    #[arg(long)]
    retire_batch_processing: bool,
    /// Answer each request for one parse job only after this many milliseconds (a slow API)
    #[arg(long, value_name = "MS", default_value_t = 0)]
    job_delay_ms: u64,
    /// Make the newest job's markdown result file (downloaded through its presigned link) this
    /// many MiB
    #[arg(long, value_name = "MIB")]
    result_mib: Option<u64>,
    /// Answer every presigned link with 403, as expired links are
    #[arg(long)]
    expired_links: bool,
    /// Presigned links expire this many milliseconds after they were given (403 AccessDenied,
    /// as S3); getting the job again gives fresh ones
    #[arg(long, value_name = "MS")]
    link_ttl_ms: Option<u64>,
    /// Each create takes this many milliseconds to answer
    #[arg(long, value_name = "MS", default_value_t = 0)]
    create_delay_ms: u64,
    /// Answer the first create of this percentage of files 429 with Retry-After: 1
    #[arg(long, value_name = "PERCENT", default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    throttle_percent: u8,
    /// Created jobs end this many milliseconds after they were made (instead of over 3 polls)
    #[arg(long, value_name = "MS")]
    job_ms: Option<u64>,
    /// Answer each create this many milliseconds after its job was made (a client that gives up
    /// or is killed first has lost the answer)
    #[arg(long, value_name = "MS", default_value_t = 0)]
    answer_delay_ms: u64,
    /// A new job shows in listings only from the (N+1)th listing on (listings lag behind creates)
    #[arg(long, value_name = "N", default_value_t = 0)]
    list_lag: usize,
    /// Every listing of parse jobs (by id too) has at most N items a page, whatever page_size
    /// asks (a server that pages with fewer items than asked)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    list_page_cap: Option<u64>,
    /// A new job shows in listings (by id too) only this many milliseconds after it was made;
    /// getting it by id sees it at once
    #[arg(long, value_name = "MS", default_value_t = 0)]
    list_delay_ms: u64,
    /// Answer creates 429 (Retry-After: 1, nothing created) while N made jobs have not ended
    #[arg(long, value_name = "N")]
    max_running: Option<usize>,
    /// Answer the first listings by id (polls) with these statuses, one a request, in order
    /// (429 and 503 with Retry-After: 1)
    #[arg(long, value_name = "STATUS,...", value_delimiter = ',')]
    poll_faults: Vec<u16>,
    /// Answer every Nth listing by id (poll) 503 with Retry-After: 1 (0: never)
    #[arg(long, value_name = "N", default_value_t = 0)]
    poll_fault_every: usize,
    /// The most pages one job may parse (those its page_ranges selects), as the API caps its
    /// agentic modes at 700; a longer job is refused with the API's "max pages allowed for
    /// parse mode parse_page_with_agent is N" (0: no cap)
    #[arg(long, value_name = "N", default_value_t = 700)]
    max_pages_per_job: usize,
    /// Where a job over --max-pages-per-job is refused: at its create (400, no job made), or
    /// as a job that ends FAILED with that message (0 credits)
    #[arg(long, value_enum, value_name = "WHERE", default_value = "job")]
    page_cap_at: PageCapAt,
    /// Created jobs end this many milliseconds a parsed page after they were made (on top of
    /// --job-ms): a 1,000-page document at 20 takes 20 s, a 100-page window 2 s
    #[arg(long, value_name = "MS")]
    ms_per_page: Option<u64>,
    /// The first job whose pages include page N ends FAILED (later ones complete, as a rerun's
    /// would): a window that fails
    #[arg(long, value_name = "N")]
    fail_page_once: Option<usize>,
    /// Pad each page of an uploaded PDF to this many KiB of markdown with filler lines (0: the
    /// usual short pages): 1,000 pages at 50 make a 50 MiB document
    #[arg(long, value_name = "KIB", default_value_t = 0)]
    pdf_page_kib: usize,
    /// Make every embedded and layout image a job saves (images_to_save) a PNG of exactly this
    /// many KiB, padded with a private chunk of incompressible bytes (0: tiny PNGs)
    #[arg(long, value_name = "KIB", default_value_t = 0)]
    image_kib: usize,
    /// Answer every request with `Connection: close` (the default; `--close-connections false`
    /// keeps connections alive): tiny_http can leave a burst of new connections unserved while
    /// its threads wait on kept-alive ones (a client opening ten at once, as a long document's
    /// windows do, may then wait out its timeout); a connection per request avoids it
    #[arg(long, value_name = "BOOL", default_value_t = true, num_args = 0..=1,
        default_missing_value = "true", action = clap::ArgAction::Set)]
    close_connections: bool,
    /// Credits a parsed page costs on TIER (repeatable; later wins), instead of the built-in
    /// fast=1, cost_effective=3, agentic=10, agentic_plus=45 (10 for a saved configuration's
    /// `configured`); fractions allowed, e.g. --price cost_effective=4.5. A completed job's usage
    /// is {"credits": pages × price, "num_pages": pages}; a failed one's {"credits": 0,
    /// "num_pages": 0}
    #[arg(long = "price", value_name = "TIER=CREDITS", value_parser = parse_price)]
    prices: Vec<(String, f64)>,
    /// Answer every create 402 {"detail": "Insufficient credits: ..."} (nothing made) once the
    /// credits billed so far (counted as jobs end) reach N; jobs already made still end and
    /// bill, so the total may pass N
    #[arg(long, value_name = "N", value_parser = parse_credits)]
    credit_balance: Option<f64>,
    /// Page N of a document (its number in the whole document) comes back with no text
    /// (markdown "", text "", success true) in every job over it on a tier other than agentic
    /// and agentic_plus; billed as a page (repeatable)
    #[arg(long = "empty-page", value_name = "N")]
    empty_pages: Vec<usize>,
    /// Page N comes back failed ({"error": ..., "success": false}) in a job that still
    /// completes, on every job over it on a tier other than agentic and agentic_plus (so a
    /// re-parse on agentic succeeds); billed as a page (repeatable)
    #[arg(long = "failed-page", value_name = "N")]
    failed_pages: Vec<usize>,
    /// Every second and after each create, rewrite PATH (atomically) with a JSON object:
    /// jobs_made, creates, creates_throttled, polls (listings by id), max_running_seen,
    /// files_uploaded, credits_billed
    #[arg(long, value_name = "PATH")]
    stats_file: Option<std::path::PathBuf>,
}

/// --price TIER=CREDITS.
fn parse_price(raw: &str) -> Result<(String, f64), String> {
    let (tier, credits) = raw
        .split_once('=')
        .ok_or_else(|| format!("expected TIER=CREDITS, e.g. cost_effective=4.5, not {raw:?}"))?;
    const TIERS: [&str; 5] = ["fast", "cost_effective", "agentic", "agentic_plus", "configured"];
    if !TIERS.contains(&tier) {
        return Err(format!("unknown tier {tier:?}: one of {}", TIERS.join(", ")));
    }
    Ok((tier.to_string(), parse_credits(credits)?))
}

/// A number of credits: finite and not negative.
fn parse_credits(raw: &str) -> Result<f64, String> {
    match raw.trim().parse::<f64>() {
        Ok(credits) if credits.is_finite() && credits >= 0.0 => Ok(credits),
        _ => Err(format!("expected a number of credits (0 or more), not {raw:?}")),
    }
}

/// --page-cap-at.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PageCapAt {
    Create,
    Job,
}

fn main() {
    let args = Args::parse();
    let config = fake::Config {
        parse_jobs: args.parse_jobs,
        batches: args.batches,
        batch_jobs: args.batch_jobs,
        markdown_mib: args.markdown_mib,
        page_kib: args.page_kib,
        always_full: args.always_full,
        advance_jobs: !args.static_jobs,
        api_key: args.api_key,
        retire_batch_processing: args.retire_batch_processing,
        job_delay: std::time::Duration::from_millis(args.job_delay_ms),
        create_faults: Vec::new(),
        links_expire: args.expired_links,
        link_ttl: args.link_ttl_ms.map(std::time::Duration::from_millis),
        result_mib: args.result_mib,
        create_delay: std::time::Duration::from_millis(args.create_delay_ms),
        throttle_percent: args.throttle_percent,
        job_time: args.job_ms.map(std::time::Duration::from_millis),
        answer_delay: std::time::Duration::from_millis(args.answer_delay_ms),
        list_lag: args.list_lag,
        list_page_cap: args
            .list_page_cap
            .map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
        list_delay: std::time::Duration::from_millis(args.list_delay_ms),
        max_running: args.max_running,
        poll_faults: args.poll_faults,
        poll_fault_every: args.poll_fault_every,
        max_pages_per_job: Some(args.max_pages_per_job).filter(|&n| n > 0),
        page_cap_at: match args.page_cap_at {
            PageCapAt::Create => fake::PageCapAt::Create,
            PageCapAt::Job => fake::PageCapAt::Job,
        },
        ms_per_page: args.ms_per_page,
        fail_page_once: args.fail_page_once,
        pdf_page_kib: args.pdf_page_kib,
        close_connections: args.close_connections,
        image_kib: args.image_kib,
        prices: args.prices,
        credit_balance: args.credit_balance,
        empty_pages: args.empty_pages,
        failed_pages: args.failed_pages,
    };
    let fake = std::sync::Arc::new(fake::Fake::new(config));
    if let Some(path) = args.stats_file {
        let fake = std::sync::Arc::clone(&fake);
        std::thread::spawn(move || write_stats(&fake, &path));
    }
    let addr = match http::spawn_workers(std::sync::Arc::clone(&fake), args.port, http::SERVER_WORKERS) {
        Ok(addr) => addr,
        Err(err) => {
            eprintln!("fake-server: cannot listen on 127.0.0.1:{}: {err}", args.port);
            std::process::exit(1);
        }
    };
    // Presigned links are served from a second origin, as S3 is another host than the API.
    match http::spawn(std::sync::Arc::clone(&fake), 0) {
        Ok(files) => fake.serve_files_at(format!("http://{files}")),
        Err(err) => eprintln!("fake-server: no origin for presigned links: {err}"),
    }
    println!("fake LlamaCloud listening on http://{addr}");
    println!("try:");
    println!("  export LLAMA_CLOUD_BASE_URL=http://{addr} LLAMA_CLOUD_API_KEY=llx-demo");
    println!("  cargo run -- parsing list --max-items 5");
    println!("  cargo run -- parse README.md --tier agentic");
    loop {
        std::thread::park();
    }
}

/// Rewrites `path` with the fake's numbers every second and after each create, for ever.
fn write_stats(fake: &fake::Fake, path: &std::path::Path) {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = std::path::PathBuf::from(temporary);
    let mut seen = 0;
    let mut complained = false;
    loop {
        let requests = fake.requests_seen();
        let stats = serde_json::json!({
            "jobs_made": fake.jobs_made_ever(),
            "creates": requests.creates,
            "creates_throttled": requests.creates_throttled,
            "polls": requests.by_id_listings,
            "max_running_seen": fake.max_running_seen(),
            "files_uploaded": fake.files_uploaded(),
            "credits_billed": fake.credits_billed(),
        });
        let written =
            std::fs::write(&temporary, format!("{stats}\n")).and_then(|()| std::fs::rename(&temporary, path));
        if let Err(err) = written
            && !std::mem::replace(&mut complained, true)
        {
            eprintln!("fake-server: cannot write {}: {err}", path.display());
        }
        seen = fake.wait_for_create(seen, std::time::Duration::from_secs(1));
    }
}
