use super::*;
use clap::Parser;

use crate::context::MapEnv;

fn resolve(args: &[&str], env: &[(&'static str, &'static str)]) -> Result<Settings, Error> {
    let mut argv = vec!["llamacloud"];
    argv.extend_from_slice(args);
    argv.extend_from_slice(&["parsing", "list"]);
    let cli = crate::cli::Cli::try_parse_from(argv).unwrap();
    Settings::resolve(&cli.global, None, &MapEnv::new(env.iter().copied()), None)
}

#[test]
fn key_comes_from_flag_then_cloud_env_then_parse_env() {
    let s = resolve(&["--api-key", "llx-flag"], &[(ENV_API_KEY, "llx-env")]).unwrap();
    assert_eq!(s.api_key.unwrap().source, Source::Flag("--api-key"));
    let s = resolve(&[], &[(ENV_API_KEY, "llx-a"), (ENV_PARSE_API_KEY, "llx-b")]).unwrap();
    assert_eq!(s.api_key.unwrap().value.expose(), "llx-a");
    let s = resolve(&[], &[(ENV_API_KEY, ""), (ENV_PARSE_API_KEY, "llx-b")]).unwrap();
    assert_eq!(s.api_key.as_ref().unwrap().source, Source::Env(ENV_PARSE_API_KEY));
    assert!(resolve(&[], &[]).unwrap().require_api_key().is_err());
}

#[test]
fn base_url_precedence_and_regions() {
    assert_eq!(
        resolve(&[], &[]).unwrap().base_url.value.as_str(),
        "https://api.cloud.llamaindex.ai/"
    );
    let s = resolve(&["--region", "EU"], &[(ENV_BASE_URL, "https://x.example")]).unwrap();
    assert_eq!(s.base_url.value.host_str(), Some("api.cloud.eu.llamaindex.ai"));
    let s = resolve(&[], &[(ENV_BASE_URL, "https://x.example/"), (ENV_REGION, "eu")]).unwrap();
    assert_eq!(s.base_url.value.host_str(), Some("x.example"));
    let s = resolve(&[], &[(ENV_REGION, "eu")]).unwrap();
    assert_eq!(s.base_url.source, Source::Env(ENV_REGION));
    assert!(resolve(&[], &[(ENV_REGION, "mars")]).is_err());
}

#[test]
fn the_budget_is_the_flag_else_the_environment_else_the_profile() {
    let profile = |value: &str| ActiveProfile {
        name: "work".into(),
        profile: crate::config::Profile {
            max_credits: Some(value.into()),
            ..Default::default()
        },
        chosen_by: Source::Default,
    };
    let settings = |env: &[(&'static str, &'static str)], value: Option<&str>| {
        let cli = crate::cli::Cli::try_parse_from(["llamacloud", "parsing", "list"]).unwrap();
        let env = MapEnv::new(env.iter().copied());
        Settings::resolve(&cli.global, None, &env, value.map(profile)).unwrap()
    };
    let budget = |s: &Settings, flag| s.max_credits(flag).unwrap().map(|b| (b.value, b.source));
    assert_eq!(budget(&settings(&[], None), None), None);
    let from_profile = settings(&[], Some("500"));
    assert_eq!(
        budget(&from_profile, None),
        Some((500.0, Source::Profile("work".into())))
    );
    assert_eq!(
        budget(&from_profile, Some(100.0)),
        Some((100.0, Source::Flag("--max-credits")))
    );
    let from_env = settings(&[(ENV_MAX_CREDITS, "250.5")], Some("500"));
    assert_eq!(
        budget(&from_env, None),
        Some((250.5, Source::Env(ENV_MAX_CREDITS)))
    );
    // A value that is no budget is refused, naming where it was set; a flag wins over it.
    let broken = settings(&[], Some("lots"));
    assert_eq!(
        broken.max_credits(None).unwrap_err().to_string(),
        "max_credits of profile work \"lots\": expected a positive number of credits, e.g. 5000"
    );
    assert!(broken.max_credits(Some(5.0)).is_ok());
    let zero = settings(&[(ENV_MAX_CREDITS, "0")], None);
    assert!(matches!(zero.max_credits(None), Err(Error::Usage(_))));
}

#[test]
fn plain_http_is_only_for_loopback_unless_allowed() {
    assert!(resolve(&["--base-url", "http://127.0.0.1:9"], &[]).is_ok());
    assert!(resolve(&["--base-url", "http://localhost:9"], &[]).is_ok());
    assert!(resolve(&["--base-url", "http://[::1]:9"], &[]).is_ok());
    assert!(resolve(&["--base-url", "http://api.example"], &[]).is_err());
    assert!(
        resolve(
            &["--base-url", "http://api.example", "--allow-insecure-http"],
            &[]
        )
        .is_ok()
    );
}
