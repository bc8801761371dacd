//! `view: Calendar(by: "field")`: a month grid of the list's items on the
//! days of a Date or DateTime field (the first one when `by` is left out).

use super::*;

impl Cx {
    pub(super) fn calendar_view(
        &mut self,
        n: &Node,
        args: Option<&[(Ident, Node)]>,
        fields: &IndexMap<String, Field>,
    ) -> Option<View> {
        let before = self.diags.len();
        let vk = self.keys(
            "Calendar",
            args.unwrap_or(&[]),
            &["by"],
            &[("Table", &["columns"]), ("Board", &["by"])],
        );
        if self.diags.len() > before {
            return None;
        }
        let dated = |ty: &FieldType| matches!(ty, FieldType::Date | FieldType::DateTime);
        let Some((_, bn)) = vk.get("by") else {
            return match fields.iter().find(|(_, f)| dated(&f.ty)) {
                Some((name, _)) => Some(View::Calendar { by: name.clone() }),
                None => {
                    self.err(
                        n.span.start,
                        "Calendar needs a Date or DateTime field to put items on their days, e.g. \"due\": Date",
                    );
                    None
                }
            };
        };
        let by = self.nonempty_text("by", bn)?;
        match fields.get(&by) {
            Some(f) if dated(&f.ty) => Some(View::Calendar { by }),
            Some(f) => {
                self.err(
                    bn.span.start,
                    format!(
                        "Calendar(by: {}) needs a Date or DateTime field, but {} is {}",
                        quote(&by),
                        quote(&by),
                        f.ty.word()
                    ),
                );
                None
            }
            None => {
                let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                let hint = closest(&by, &names);
                let msg = match hint {
                    Some(h) => format!(
                        "Calendar(by: {}) names no field; did you mean {}?",
                        quote(&by),
                        quote(h)
                    ),
                    None => format!(
                        "Calendar(by: {}) names no field; fields are {}",
                        quote(&by),
                        quoted_list(&names)
                    ),
                };
                self.err_hint(bn.span.start, msg, hint);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::spec::{Kind, View, parse_str};

    fn check(view: &str) -> Result<View, String> {
        let text = format!(
            "List(name: \"P\", fields: {{\"task\": Text, \"pages\": Number(), \"due\": Date, \"at\": DateTime}}, view: {view})"
        );
        match parse_str("apps/p.ron", &text) {
            Ok(s) => match s.kind {
                Kind::List(l) => Ok(l.view),
                _ => unreachable!(),
            },
            Err(e) => Err(e.to_string()),
        }
    }

    #[test]
    fn a_calendar_takes_a_date_or_datetime_field_or_the_first_one() {
        assert_eq!(
            check("Calendar(by: \"at\")"),
            Ok(View::Calendar { by: "at".into() })
        );
        assert_eq!(check("Calendar"), Ok(View::Calendar { by: "due".into() }));
        assert_eq!(check("Calendar()"), Ok(View::Calendar { by: "due".into() }));
    }

    #[test]
    fn a_bad_calendar_is_named_where_it_is_written() {
        let e = check("Calendar(by: \"dues\")").unwrap_err();
        assert!(
            e.contains("apps/p.ron:1:") && e.contains("did you mean \"due\"?"),
            "{e}"
        );
        let e = check("Calendar(\"due\")").unwrap_err();
        assert!(e.contains("write Calendar(by: \"due\")"), "{e}");
        let e = check("Calendar(by: \"due\", columns: [\"task\"])").unwrap_err();
        assert!(e.contains("columns"), "{e}");
        let e = check("Month").unwrap_err();
        assert!(e.contains("did you mean 'Calendar'?"), "{e}");
        let none = parse_str(
            "apps/p.ron",
            "List(name: \"P\", fields: {\"task\": Text}, view: Calendar)",
        )
        .unwrap_err();
        assert!(
            none.to_string()
                .contains("Calendar needs a Date or DateTime field"),
            "{none}"
        );
    }
}
