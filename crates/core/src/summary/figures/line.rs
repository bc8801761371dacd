//! A figure in words, for the launcher's line and the panel's footer:
//! `€412 amount this month`, `rent €800 · food €120 · +3 more`,
//! `12 items where rsvp == 'yes'`.

use super::{Cell, FigureAgg, period_label};
use crate::model::count::count;
use crate::model::number_format::format_field_number;
use crate::spec::{Agg, FieldType, Figure, ListSpec};

/// Groups a `by:` figure names on the line before `+N more`.
const SHOWN_GROUPS: usize = 3;

/// How the figure's field's numbers are written: a Duration formula as a
/// duration, any other formula as a plain number.
pub fn number_type(list: &ListSpec, field: &str) -> Option<FieldType> {
    match &list.fields.get(field)?.ty {
        FieldType::Formula {
            ty: crate::formula::FormulaType::Duration,
            ..
        } => Some(FieldType::Duration),
        FieldType::Formula { .. } => None,
        ty => Some(ty.clone()),
    }
}

/// A cell's figure on its own, as a group shows it: `€800`, `5`, `2/5`.
pub fn short(list: &ListSpec, fig: &Figure, c: &Cell) -> Option<String> {
    let ty = fig.of.as_deref().and_then(|f| number_type(list, f));
    Some(match fig.agg {
        Agg::Count => c.items.to_string(),
        Agg::Done => format!("{}/{}", c.done, c.items),
        agg => format_field_number(ty.as_ref(), c.value(agg)?),
    })
}

/// A cell's figure as the summary line writes it: `12 items`, `3/12 done`,
/// `824 pages`, `avg rating 4`, `min amount €2.10`.
pub fn whole(list: &ListSpec, fig: &Figure, c: &Cell) -> Option<String> {
    let f = fig.of.as_deref().unwrap_or_default();
    let ty = number_type(list, f);
    let n = |agg: Agg| c.value(agg).map(|v| format_field_number(ty.as_ref(), v));
    Some(match fig.agg {
        Agg::Count => count(c.items, "item"),
        Agg::Done => format!("{}/{} done", c.done, c.items),
        Agg::Sum => format!("{} {f}", n(Agg::Sum)?),
        Agg::Avg => format!("avg {f} {}", n(Agg::Avg)?),
        Agg::Min => format!("min {f} {}", n(Agg::Min)?),
        Agg::Max => format!("max {f} {}", n(Agg::Max)?),
    })
}

/// The figure on the launcher's line: the current period's for `per:`,
/// the largest groups for `by:`, else the whole list's; None when it has
/// nothing to show yet. `today` is a day number.
pub fn text(list: &ListSpec, fig: &Figure, agg: &FigureAgg, today: i32) -> Option<String> {
    let filter = fig
        .filter
        .as_ref()
        .map(|w| format!(" where {}", w.source))
        .unwrap_or_default();
    if let Some(p) = fig.per {
        let now = agg
            .groups
            .get(&period_label(today, p))
            .cloned()
            .unwrap_or_default();
        return Some(format!("{} {}{filter}", whole(list, fig, &now)?, p.this()));
    }
    if fig.by.is_some() {
        let ranked = agg.ranked(fig);
        let mut parts: Vec<String> = ranked
            .iter()
            .filter_map(|(k, c)| Some(format!("{} {}", group_name(k), short(list, fig, c)?)))
            .take(SHOWN_GROUPS)
            .collect();
        if parts.is_empty() {
            return None;
        }
        let more = ranked.len().saturating_sub(parts.len()) + usize::from(agg.other.is_some());
        if more > 0 {
            parts.push(format!("+{more} more"));
        }
        return Some(format!("{}{filter}", parts.join(" · ")));
    }
    Some(format!("{}{filter}", whole(list, fig, &agg.all)?))
}

/// A group's key as shown: the value, or `(none)` for items without one.
pub fn group_name(key: &str) -> &str {
    if key.is_empty() { "(none)" } else { key }
}
