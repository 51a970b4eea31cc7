//! End-to-end tests against httpmock, scripted servers or the bundled fake server on loopback.
//! Most run the whole program in-process (`harness::cli`: streams, environment and a fake
//! clock injected, so retries and waits take no real time); what only a process shows (pipes,
//! signals, the binary's own streams, terminals) runs the binary (`harness::command`), always
//! in a cleared environment with a scratch HOME.

mod api_layer;
mod bulk;
mod bulk_pipeline;
mod ci_recipes;
mod create;
mod download;
mod dry_run;
mod dry_run_windows;
mod ecosystem;
mod errors;
mod escalate;
mod escalate_single;
mod every_command;
mod fake_server;
mod harness;
mod hostile;
mod human;
mod imports;
mod install;
mod output;
mod output_file;
mod pagination;
mod paid;
mod partial;
mod pay_once;
mod pay_once_bulk;
mod pipes;
mod proxy;
mod query;
mod readme;
mod retries;
mod saved;
mod saved_hostile;
mod saved_more;
mod saved_windows;
mod scripted;
mod shared_cache;
mod shared_store;
mod shared_store_azure;
mod shared_store_hostile;
mod shared_store_s3;
mod spend;
mod spend_dry_run;
mod spend_hostile;
mod terminal;
mod tls;
mod try_example;
mod wait;
mod windows;
