//! Cursor and offset paging, one page at a time, never fetching more items than asked and
//! always knowing the exact point to resume from.

use std::collections::HashSet;
use std::sync::Arc;

use reqwest::Url;
use serde_json::Value;

use crate::api::body::Reply;
use crate::api::client::Client;
use crate::api::endpoints::{ListEndpoint, Paging};
use crate::api::error::Error;
use crate::api::page::{Envelope, Page};
use crate::api::query::Query;

/// When the user set no page size but a limit on items, requests ask for at most this many
/// (cursor endpoints document no maximum; 100 is what servers of this kind accept).
const IMPLICIT_PAGE_SIZE: u64 = 100;
/// The documented maximum `limit` of the offset endpoint.
const IMPLICIT_LIMIT: u64 = 1000;

/// What to list and how far.
#[derive(Debug)]
pub struct ListRequest {
    pub endpoint: &'static ListEndpoint,
    /// Filters, sent on every page.
    pub filters: Query,
    /// Items per request (`page_size` or `limit`).
    pub page_size: Option<u64>,
    /// The page token or offset to start from.
    pub start: Start,
    /// The most items to hand out.
    pub max_items: Option<u64>,
    /// What a 404 or 410 from the endpoint means, when it means the endpoint itself is gone.
    pub gone_hint: Option<String>,
}

/// Where a listing starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Cursor(Option<String>),
    Offset(Option<u64>),
}

/// Where a listing can be continued from; `None` inside means there is nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resume {
    Cursor(Option<String>),
    Offset(Option<u64>),
}

/// The request for one page, ready to send (from any thread).
pub struct PageRequest {
    client: Arc<Client>,
    url: Url,
}

impl PageRequest {
    pub fn send(self) -> Result<Reply, Error> {
        self.client.get(&self.url)
    }
}

/// Fetches a listing page by page.
pub struct Pager {
    client: Arc<Client>,
    request: ListRequest,
    /// The token or offset for the next request (also the resume point if it fails).
    next: Start,
    seen_tokens: HashSet<String>,
    emitted: u64,
    pages: u64,
    /// The server said there is nothing more.
    exhausted: bool,
    /// No more requests will be made (exhausted, or the item limit reached).
    done: bool,
    /// Set when a server sent more items than asked and the rest of a page had to be dropped,
    /// which makes the resume point skip those items.
    inexact: bool,
    total_size: Option<Value>,
    /// The first page's length: with no page size asked, the server's own.
    first_page_len: Option<u64>,
}

impl Pager {
    pub fn new(client: Arc<Client>, request: ListRequest) -> Self {
        let next = request.start.clone();
        let mut seen_tokens = HashSet::new();
        if let Start::Cursor(Some(token)) = &next {
            seen_tokens.insert(token.clone());
        }
        let done = request.max_items == Some(0);
        Pager {
            client,
            request,
            next,
            seen_tokens,
            emitted: 0,
            pages: 0,
            exhausted: false,
            done,
            inexact: false,
            total_size: None,
            first_page_len: None,
        }
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u64 {
        self.pages
    }

    /// The last `total_size` the server sent, if any.
    pub fn total_size(&self) -> Option<&Value> {
        self.total_size.as_ref()
    }

    /// True when the resume point may skip items (the server overfilled a page).
    pub fn is_inexact(&self) -> bool {
        self.inexact
    }

    /// Where to continue: after the last item handed out, or at the page that failed.
    pub fn resume(&self) -> Resume {
        match (&self.next, self.exhausted) {
            (Start::Cursor(_), true) => Resume::Cursor(None),
            (Start::Offset(_), true) => Resume::Offset(None),
            (Start::Cursor(token), false) => Resume::Cursor(token.clone()),
            (Start::Offset(offset), false) => Resume::Offset(Some(offset.unwrap_or(0))),
        }
    }

    fn remaining(&self) -> Option<u64> {
        self.request.max_items.map(|max| max.saturating_sub(self.emitted))
    }

    /// The next page, or `None` when the listing is complete or the item limit is reached.
    pub fn next_page(&mut self) -> Result<Option<Page>, Error> {
        self.next_page_with(|request| Ok::<_, Error>(request.send()))
    }

    /// Like `next_page`, with the request sent by `get` (which may send it on another thread,
    /// or give up on it with an error of its own).
    pub fn next_page_with<E: From<Error>>(
        &mut self,
        get: impl FnOnce(PageRequest) -> Result<Result<Reply, Error>, E>,
    ) -> Result<Option<Page>, E> {
        if self.done {
            return Ok(None);
        }
        let asked = self.page_size_to_ask();
        let query = self.query(asked);
        let url = self.client.url(self.request.endpoint.segments, &query);
        let request = PageRequest {
            client: Arc::clone(&self.client),
            url,
        };
        let reply = get(request)?.map_err(|err| self.explain(err))?;
        let Envelope {
            mut page,
            next_page_token,
            total_size,
        } = Page::parse(reply.status, reply.body)?;
        if let Some(total) = total_size.filter(|v| !v.is_null()) {
            self.total_size = Some(total);
        }
        let received = page.len() as u64;
        let kept = match self.remaining() {
            Some(remaining) if received > remaining => {
                page.truncate(remaining as usize);
                remaining
            }
            _ => received,
        };
        match self.request.endpoint.paging {
            Paging::Cursor => {
                self.advance_cursor(next_page_token, received)?;
                // The token points past the whole page: the dropped items cannot be resumed.
                self.inexact |= kept < received && !self.exhausted;
            }
            Paging::Offset => self.advance_offset(received, kept, asked),
        }
        self.pages += 1;
        self.emitted += kept;
        if self.remaining() == Some(0) {
            self.done = true;
        }
        Ok(Some(page))
    }

    /// The first page's body exactly as the server sent it (no paging).
    pub fn first_page_raw(&mut self) -> Result<Vec<u8>, Error> {
        let query = self.query(self.page_size_to_ask());
        let url = self.client.url(self.request.endpoint.segments, &query);
        let reply = self.client.get(&url).map_err(|err| self.explain(err))?;
        self.done = true;
        Ok(reply.body)
    }

    fn page_size_to_ask(&self) -> Option<u64> {
        let implicit = match self.request.endpoint.paging {
            Paging::Cursor => IMPLICIT_PAGE_SIZE,
            Paging::Offset => IMPLICIT_LIMIT,
        };
        match (self.request.page_size, self.remaining()) {
            (Some(size), Some(remaining)) => Some(size.min(remaining)),
            (None, Some(remaining)) => Some(implicit.min(remaining)),
            (size, None) => size,
        }
    }

    /// The query for the next request: filters and size in key order, as the SDK sends them;
    /// on later pages the token or offset goes last.
    fn query(&self, asked: Option<u64>) -> Query {
        let mut query = self.request.filters.clone();
        let (size_key, position_key) = match self.request.endpoint.paging {
            Paging::Cursor => ("page_size", "page_token"),
            Paging::Offset => ("limit", "offset"),
        };
        query.push_opt(size_key, asked.map(|n| n.to_string()));
        let position = match &self.next {
            Start::Cursor(token) => token.clone(),
            Start::Offset(offset) => offset.map(|n| n.to_string()),
        };
        if self.pages == 0 {
            query.push_opt(position_key, position);
            query.sort();
        } else {
            query.sort();
            query.push_opt(position_key, position);
        }
        query
    }

    fn advance_cursor(&mut self, next_page_token: Option<Value>, received: u64) -> Result<(), Error> {
        let token = match next_page_token {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.is_empty() => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                return Err(Error::InvalidResponse(format!(
                    "next_page_token is not a string: {other}"
                )));
            }
        };
        if received == 0 || token.is_none() {
            self.exhausted = true;
            self.done = true;
            self.next = Start::Cursor(None);
            return Ok(());
        }
        if let Some(token) = &token
            && !self.seen_tokens.insert(token.clone())
        {
            // Nothing sensible to resume from: the server is looping.
            self.exhausted = true;
            self.done = true;
            return Err(Error::InvalidResponse(format!(
                "page {} repeated the page token {token:?}; stopping instead of looping",
                self.pages + 1
            )));
        }
        self.next = Start::Cursor(token);
        Ok(())
    }

    /// Offsets advance by the items kept, so a short page or a cut page resumes exactly.
    fn advance_offset(&mut self, received: u64, kept: u64, asked: Option<u64>) {
        let Start::Offset(offset) = self.next else {
            return;
        };
        let offset = offset.unwrap_or(0);
        self.next = Start::Offset(Some(offset + kept));
        let total = self.total_size.as_ref().and_then(Value::as_u64);
        // Without a size asked, a page shorter than the first shows the server's page size
        // was not filled: the last page, so no empty page needs to be asked for.
        let page_size = asked.or(self.first_page_len);
        self.first_page_len.get_or_insert(received);
        let exhausted = kept == received
            && (received == 0
                || total.is_some_and(|total| offset + received >= total)
                || (total.is_none() && page_size.is_some_and(|size| received < size)));
        if exhausted {
            self.exhausted = true;
            self.done = true;
        }
    }

    /// Adds the endpoint's advice to a 404/410 that means the endpoint itself is gone.
    fn explain(&self, err: Error) -> Error {
        match &self.request.gone_hint {
            Some(hint) => err.with_hint(&[404, 410], hint),
            None => err,
        }
    }
}
