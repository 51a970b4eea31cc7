//! What every API command needs (`Session`: settings, client, scope), and the flags that
//! several commands turn into the same request values.

use std::sync::Arc;

use crate::api::Scope;
use crate::api::client::Client;
use crate::api::parse_jobs::{self, Paging};
use crate::cli::{CreatedRange, CursorArgs, GlobalArgs, Lenient, ScopeArgs};
use crate::context::Context;
use crate::error::Error;
use crate::settings::Settings;

/// What every API command needs: resolved settings, an authenticated client and the scope
/// (project and organization) of its requests.
pub(crate) struct Session {
    pub settings: Settings,
    pub client: Arc<Client>,
    pub scope: Scope,
}

impl Session {
    /// Resolves settings and builds the client; fails before any request without a key.
    pub fn open(global: &GlobalArgs, scope: &ScopeArgs, ctx: &Context) -> Result<Self, Error> {
        let settings = Settings::load(global, Some(scope), ctx.env.as_ref(), &ctx.io.stderr)?;
        let client = settings.client(Arc::clone(&ctx.clock), ctx.env.as_ref(), &ctx.io.stderr)?;
        Ok(Session {
            scope: settings.scope(),
            settings,
            client: Arc::new(client),
        })
    }
}

/// One warning for a value of an enumerated flag that this version does not know: it is sent
/// as given, and the server decides.
pub(crate) fn warn_unknown<T: clap::ValueEnum + Clone + Send + Sync + 'static>(
    ctx: &Context,
    flag: &str,
    value: Option<&Lenient<T>>,
) {
    if let Some(Lenient::Unknown(value)) = value {
        ctx.io.stderr.line(&format!(
            "warning: {flag} {} is not one this version knows ({}); it is sent as given",
            crate::text::shell_quote(value),
            Lenient::<T>::known()
        ));
    }
}

/// `--created-at-on-or-after/before` as the API takes them.
pub(crate) fn created(range: &CreatedRange) -> parse_jobs::CreatedRange {
    parse_jobs::CreatedRange {
        on_or_after: range.created_at_on_or_after,
        on_or_before: range.created_at_on_or_before,
    }
}

/// `--page-size`, `--page-token` and `--max-items`.
pub(crate) fn paging(args: &CursorArgs) -> Paging {
    Paging {
        page_size: args.page_size,
        page_token: args.page_token.clone(),
        max_items: args.limit.get(),
    }
}
