//! How a table's columns give way to the terminal's width: ids and statuses never cut, other
//! text and names shrunk first, then whole columns left out, in a fixed order.

use crate::output::resource::Show;

/// Spaces between columns.
pub(super) const GAP: u16 = 2;
/// How far a name column shrinks before ids and times give way.
const NAME_FLOOR: u16 = 12;

/// Which columns a step of fitting applies to.
type Columns = fn(&Show) -> bool;

/// One step of fitting a table to the width.
enum Step {
    /// The widest of these columns gives way, one character at a time, down to a floor (and
    /// never below its header).
    Shrink(Columns, u16),
    /// These columns are left out, last first.
    LeaveOut(Columns),
}

const fn text(s: &Show) -> bool {
    matches!(s, Show::Text(_) | Show::Progress)
}

const fn name(s: &Show) -> bool {
    matches!(s, Show::Name(_))
}

/// How a table gives way, in order, until it fits. Ids, statuses and short enumerated values
/// (tier, type) are never cut: other text (an error message) gives way first, then the name
/// down to a readable size; then whole columns are left out (times, then other text), the name
/// shrinks to its header, and only then is the name, then the enumerated values, left out.
/// What is left after the last step is the ids and statuses, which no step touches.
const STEPS: [Step; 7] = [
    Step::Shrink(text, 0),
    Step::Shrink(name, NAME_FLOOR),
    Step::LeaveOut(|s| matches!(s, Show::Time(_))),
    Step::LeaveOut(text),
    Step::Shrink(name, 0),
    Step::LeaveOut(name),
    Step::LeaveOut(|s| matches!(s, Show::Enum(_))),
];

/// Column widths that fit `width`, `None` for a column left out (see `STEPS`) or not `shown`;
/// room freed by leaving columns out goes back to the name and other text, a character each in
/// turn. When even the ids and statuses are wider than `width`, only they are left, whole: the
/// lines then run past `width` rather than cut what must be copied or read whole.
pub(super) fn fit(
    natural: &[u16],
    headers: &[u16],
    shows: &[Show],
    shown: &[bool],
    width: u16,
) -> Vec<Option<u16>> {
    let mut widths: Vec<Option<u16>> = natural
        .iter()
        .zip(headers)
        .zip(shown)
        .map(|((n, h), shown)| shown.then_some((*n).max(*h)))
        .collect();
    let total = |w: &[Option<u16>]| {
        let shown: Vec<u32> = w.iter().flatten().map(|&x| u32::from(x)).collect();
        shown.iter().sum::<u32>() + u32::from(GAP) * (shown.len() as u32).saturating_sub(1)
    };
    let fits = |w: &[Option<u16>]| total(w) <= u32::from(width);
    for step in STEPS {
        match step {
            Step::Shrink(applies, floor) => {
                while !fits(&widths) {
                    let widest = (0..widths.len())
                        .filter(|&i| applies(&shows[i]))
                        .filter_map(|i| widths[i].filter(|w| *w > floor.max(headers[i])).map(|w| (w, i)))
                        .max_by_key(|&(w, i)| (w, std::cmp::Reverse(i)));
                    match widest {
                        Some((_, i)) => widths[i] = widths[i].map(|w| w - 1),
                        None => break,
                    }
                }
            }
            Step::LeaveOut(applies) => {
                for i in (0..widths.len()).rev() {
                    if !fits(&widths) && applies(&shows[i]) {
                        widths[i] = None;
                    }
                }
            }
        }
    }
    let mut room = u32::from(width).saturating_sub(total(&widths));
    let growing: Vec<usize> = (0..widths.len())
        .filter(|&i| (name(&shows[i]) || text(&shows[i])) && widths[i].is_some())
        .collect();
    while room > 0 {
        let mut grew = false;
        for &i in &growing {
            if room > 0
                && let Some(w) = widths[i].filter(|w| *w < natural[i].max(headers[i]))
            {
                widths[i] = Some(w + 1);
                room -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::resource::Resource;

    #[test]
    fn ids_statuses_and_tiers_are_never_cut() {
        let shows = Resource::ParseJob
            .table_columns()
            .iter()
            .map(|c| c.show)
            .collect::<Vec<_>>();
        // ID, NAME, STATUS, TIER, CREATED, UPDATED, ERROR
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [40, 30, 9, 12, 11, 13, 25];
        let all = |w: &[u16]| w.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        // Everything fits at 160: natural widths.
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 160), all(&natural));
        // At 140 the error gives way first.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 140),
            all(&[40, 30, 9, 12, 11, 13, 13])
        );
        // At 120 the name gives way down to a readable size.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 120),
            all(&[40, 18, 9, 12, 11, 13, 5])
        );
        // At 100 a time is left out, and the name and the error share the room it leaves.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 100),
            [Some(40), Some(13), Some(9), Some(12), Some(11), None, Some(5)]
        );
        // At 80: no times, no error; the name shrinks before the tier goes.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 80),
            [Some(40), Some(13), Some(9), Some(12), None, None, None]
        );
        // At 60 only what is never cut is left.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 60),
            [Some(40), None, Some(9), None, None, None, None]
        );
        // Too narrow for even the id and the status: they stay whole, and the line runs long.
        let whole = [Some(40), None, Some(9), None, None, None, None];
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 40), whole);
        assert_eq!(fit(&natural, &headers, &shows, &[true; 7], 20), whole);
    }

    fn parse_job_shows() -> Vec<Show> {
        Resource::ParseJob
            .table_columns()
            .iter()
            .map(|c| c.show)
            .collect()
    }

    #[test]
    fn narrow_tables_leave_out_times_then_other_text_then_names_then_tiers() {
        let shows = parse_job_shows();
        // ID, NAME, STATUS, TIER, CREATED, UPDATED, ERROR: short ids, a long error.
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [8, 9, 9, 4, 11, 11, 25];
        // At 60 the error shrinks to its header, then the later time goes; the error gets
        // the room back.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 60),
            [Some(8), Some(9), Some(9), Some(4), Some(11), None, Some(9)]
        );
        // At 40 both times go, then the error.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 40),
            [Some(8), Some(9), Some(9), Some(4), None, None, None]
        );
        // At 20 the name goes, then the tier: only ids and statuses are left.
        assert_eq!(
            fit(&natural, &headers, &shows, &[true; 7], 20),
            [Some(8), None, Some(9), None, None, None, None]
        );
    }

    #[test]
    fn a_column_no_row_has_is_left_out_at_every_width() {
        let shows = parse_job_shows();
        let headers = [2, 4, 6, 4, 7, 7, 5];
        let natural = [40, 30, 9, 12, 11, 13, 5];
        // No row has an error: ERROR is not shown, however much room there is.
        let shown = [true, true, true, true, true, true, false];
        assert_eq!(
            fit(&natural, &headers, &shows, &shown, 200),
            [Some(40), Some(30), Some(9), Some(12), Some(11), Some(13), None]
        );
        for width in [60, 40, 20] {
            let widths = fit(&natural, &headers, &shows, &shown, width);
            assert_eq!(widths[6], None, "{width}");
            assert_eq!((widths[0], widths[2]), (Some(40), Some(9)), "{width}");
        }
    }
}
