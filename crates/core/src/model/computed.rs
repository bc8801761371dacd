//! Formula fields' values for one item: computed whenever they are shown,
//! sorted or filtered by, never stored.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{FieldValue, Item};
use crate::formula::{self, Value};
use crate::spec::{FieldType, ListSpec};

/// How deep formulas may use other formulas; the spec refuses circles, so
/// this only bounds a hostile chain of thousands.
const MAX_CHAIN: usize = 64;

/// The value of formula field `name` for `item` on day `today` (a
/// [`super::days::day_number`]); `None` when `name` is no formula field.
pub fn formula_value(list: &ListSpec, name: &str, item: &Item, today: i32) -> Option<Value> {
    let mut memo = HashMap::new();
    list.fields
        .get(name)?
        .ty
        .is_formula()
        .then(|| value(list, name, item, today, &mut memo, 0))
}

/// Every field's value as a view shows it: the stored value, or a formula's
/// computed one as a stored value of its type would be (a date as
/// YYYY-MM-DD text, a duration as seconds); `None` when empty.
pub fn field_value<'a>(
    list: &ListSpec,
    name: &str,
    item: &'a Item,
    today: i32,
) -> Option<Cow<'a, FieldValue>> {
    match formula_value(list, name, item, today) {
        None => item.values.get(name).map(Cow::Borrowed),
        Some(v) => to_field(v).map(Cow::Owned),
    }
}

/// Every formula field of the list with its value for `item`, in the
/// spec's order, each computed once.
pub fn formula_values(list: &ListSpec, item: &Item, today: i32) -> Vec<(String, Value)> {
    let mut memo = HashMap::new();
    list.fields
        .iter()
        .filter(|(_, f)| f.ty.is_formula())
        .map(|(n, _)| (n.clone(), value(list, n, item, today, &mut memo, 0)))
        .collect()
}

/// The item's values with its formulas' computed in, by field name: what
/// `nook items --json` prints (a stored value under a formula's name is
/// not shown; an empty formula has no entry, as an empty stored field).
pub fn shown_values(
    list: &ListSpec,
    item: &Item,
    today: i32,
) -> std::collections::BTreeMap<String, FieldValue> {
    let mut out = item.values.clone();
    for (name, v) in formula_values(list, item, today) {
        match to_field(v) {
            Some(v) => out.insert(name, v),
            None => out.remove(&name),
        };
    }
    out
}

/// The value of `expr` (a formula that is not a field, such as a summary's
/// `where:`) for `item`, reading the item's fields and formulas.
pub fn eval(list: &ListSpec, expr: &formula::Expr, item: &Item, today: i32) -> Value {
    eval_with(list, expr, item, today, &mut HashMap::new(), 0)
}

/// Whether a named view's (or any) boolean filter holds for `item`.
pub fn holds(list: &ListSpec, filter: &crate::spec::Filter, item: &Item, today: i32) -> bool {
    matches!(eval(list, &filter.expr, item, today), Value::Bool(true))
}

/// A formula's value as the stored value of its type.
pub fn to_field(v: Value) -> Option<FieldValue> {
    Some(match v {
        Value::Empty => return None,
        Value::Number(n) | Value::Duration(n) => FieldValue::Number(n),
        Value::Bool(b) => FieldValue::Bool(b),
        Value::Tags(t) => FieldValue::List(t),
        Value::Text(s) => FieldValue::Text(s),
        d @ Value::Date(_) => FieldValue::Text(d.display()),
    })
}

fn value(
    list: &ListSpec,
    name: &str,
    item: &Item,
    today: i32,
    memo: &mut HashMap<String, Value>,
    depth: usize,
) -> Value {
    if let Some(v) = memo.get(name) {
        return v.clone();
    }
    let Some(field) = list.fields.get(name) else {
        return Value::Empty;
    };
    let v = match &field.ty {
        FieldType::Formula { expr, .. } if depth < MAX_CHAIN => {
            eval_with(list, expr, item, today, memo, depth)
        }
        FieldType::Formula { .. } => Value::Empty,
        ty => Value::from_field(ty, item.values.get(name)),
    };
    memo.insert(name.to_string(), v.clone());
    v
}

/// `expr` over `item`: the other formulas it reads first (memoised, one
/// level deeper), so the lookup `formula::eval` gets is plain.
fn eval_with(
    list: &ListSpec,
    expr: &formula::Expr,
    item: &Item,
    today: i32,
    memo: &mut HashMap<String, Value>,
    depth: usize,
) -> Value {
    for r in formula::references(expr) {
        if list.fields.get(&r).is_some_and(|f| f.ty.is_formula()) {
            let v = value(list, &r, item, today, memo, depth + 1);
            memo.insert(r, v);
        }
    }
    let lookup = |f: &str| match list.fields.get(f) {
        Some(fd) if fd.ty.is_formula() => memo.get(f).cloned().unwrap_or(Value::Empty),
        Some(fd) => Value::from_field(&fd.ty, item.values.get(f)),
        // `done` is the item's tick where no field has that name.
        None if f == "done" => Value::Bool(item.done),
        None => Value::Empty,
    };
    formula::eval(expr, &lookup, today)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days::day_number;
    use crate::spec::{Kind, parse_str};

    fn list() -> ListSpec {
        let text = "List(name: \"H\", fields: { \"task\": Text, \"hours\": Number(), \"rate\": Money(), \
            \"total\": Formula(\"hours * rate\"), \"double\": Formula(\"total * 2\"), \
            \"late\": Formula(\"due < today()\"), \"due\": Date, \"next\": Formula(\"due + 7\") })";
        match parse_str("apps/h.ron", text).unwrap().kind {
            Kind::List(l) => l,
            _ => unreachable!(),
        }
    }

    fn item(values: &[(&str, FieldValue)]) -> Item {
        Item {
            values: values.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
            id: crate::model::item_id::ItemId(1),
            text: String::new(),
            done: false,
            created: 0,
            updated: 0,
        }
    }

    #[test]
    fn formulas_compute_from_the_item_and_from_each_other() {
        let l = list();
        let today = day_number(chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let i = item(&[
            ("hours", FieldValue::Number(7.5)),
            ("rate", FieldValue::Number(40.0)),
            ("due", FieldValue::Text("2026-11-20".into())),
        ]);
        let shown: Vec<(String, String)> = formula_values(&l, &i, today)
            .into_iter()
            .map(|(n, v)| (n, v.display()))
            .collect();
        let want = [
            ("total", "300"),
            ("double", "600"),
            ("late", "yes"),
            ("next", "2026-11-27"),
        ];
        assert_eq!(shown, want.map(|(a, b)| (a.to_string(), b.to_string())));
        assert_eq!(
            field_value(&l, "next", &i, today).as_deref(),
            Some(&FieldValue::Text("2026-11-27".into()))
        );
        assert_eq!(
            field_value(&l, "hours", &i, today).as_deref(),
            Some(&FieldValue::Number(7.5))
        );
        // An empty input makes an empty formula, not a zero.
        assert_eq!(field_value(&l, "total", &item(&[]), today), None);
    }

    #[test]
    fn a_stored_value_under_a_formulas_name_is_never_shown() {
        let l = list();
        let i = item(&[
            ("total", FieldValue::Number(5.0)),
            ("hours", FieldValue::Number(1.0)),
        ]);
        assert_eq!(field_value(&l, "total", &i, 0), None);
    }

    #[test]
    fn done_is_the_items_tick_unless_a_field_has_that_name() {
        let text =
            "List(name: \"T\", fields: {\"due\": Date, \"late\": Formula(\"due < today() and not done\")})";
        let Kind::List(l) = parse_str("apps/t.ron", text).unwrap().kind else {
            unreachable!()
        };
        let today = day_number(chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        let mut i = item(&[("due", FieldValue::Text("2026-11-01".into()))]);
        assert_eq!(
            formula_value(&l, "late", &i, today).map(|v| v.display()),
            Some("yes".into())
        );
        i.done = true;
        assert_eq!(
            formula_value(&l, "late", &i, today).map(|v| v.display()),
            Some("no".into())
        );
        // A field named done is read as that field.
        let own = "List(name: \"T\", fields: {\"done\": Number(), \"twice\": Formula(\"done * 2\")})";
        let Kind::List(l) = parse_str("apps/t.ron", own).unwrap().kind else {
            unreachable!()
        };
        let i = item(&[("done", FieldValue::Number(4.0))]);
        assert_eq!(
            formula_value(&l, "twice", &i, today).map(|v| v.display()),
            Some("8".into())
        );
    }
}
