//! Text for people. Server data is data: control characters and escape sequences are made
//! visible and harmless before they reach a terminal, so a job name cannot move the cursor or
//! recolour the screen. Also the small wording helpers every layer uses.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that must never reach a terminal raw: C0 and C1 controls, DEL, the Unicode line
/// and paragraph separators, and the bidirectional overrides that can make text display in a
/// misleading order.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// Text for people: unsafe characters become visible escapes (`\x1b`, `\n`, `\u{202e}`).
pub(crate) fn neutralize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One TSV field: like `neutralize`, and a backslash is doubled, so that tab, newline and the
/// escapes stay unambiguous (the convention of PostgreSQL's text COPY format).
pub(crate) fn tsv_field(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c == '\\' || is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\\' {
            out.push_str("\\\\");
        } else if is_unsafe(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Collapses whitespace, neutralises control characters and cuts to `max` characters, so that
/// any text fits on one line of an error message.
pub(crate) fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut cut = false;
    for word in text.split_whitespace() {
        if chars > 0 {
            if chars >= max {
                cut = true;
                break;
            }
            out.push(' ');
            chars += 1;
        }
        for c in word.chars() {
            if chars >= max {
                cut = true;
                break;
            }
            out.push(c);
            chars += 1;
        }
        if cut {
            break;
        }
    }
    if cut {
        out.push('…');
    }
    neutralize(&out).into_owned()
}

/// "1 page", "3 pages", "2 entries".
pub fn count(n: u64, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

/// Quotes a word for a POSIX shell when it needs it, so a printed command can be pasted.
pub(crate) fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.=:/+@%,".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(neutralize("Q4 report é"), Cow::Borrowed(_)));
        assert!(matches!(tsv_field("Q4 report é"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(
            neutralize("\u{1b}[2J\u{1b}]0;pwned\u{7}x"),
            "\\x1b[2J\\x1b]0;pwned\\x07x"
        );
        assert_eq!(neutralize("a\u{9b}31m\u{7f}"), "a\\u{9b}31m\\x7f");
        assert_eq!(neutralize("evil\u{202e}fdp.exe"), "evil\\u{202e}fdp.exe");
    }

    #[test]
    fn one_line_is_bounded() {
        assert_eq!(one_line("a\n  b\tc", 10), "a b c");
        assert_eq!(one_line(&"x".repeat(3_000_000), 5), "xxxxx…");
        assert_eq!(one_line("ab cd", 3), "ab …");
        assert_eq!(shell_quote("a b'c"), r"'a b'\''c'");
    }

    #[test]
    fn tsv_fields_cannot_split_lines_or_columns() {
        assert_eq!(tsv_field("a\tb\nc\r\\d"), "a\\tb\\nc\\r\\\\d");
        assert_eq!(neutralize("a\\b"), "a\\b");
    }
}
