//! `Link(app: "clients")` and `Rollup(from: "invoices", via: "client", of:
//! Sum("amount"))` fields: their keys are checked here, one spec at a time;
//! what they name in other specs is checked by `spec::links` once every
//! spec is read.

use super::*;

const LINK_EXAMPLE: &str = "Link(app: \"clients\")";
const ROLLUP_EXAMPLE: &str = "Rollup(from: \"invoices\", via: \"client\", of: Sum(\"amount\"))";
const ROLLUP_FIGURES: &[&str] = &["Count", "Sum", "Avg", "Min", "Max"];

impl Cx {
    /// `Link(app: "...", many: true)`.
    pub(super) fn link_field(&mut self, n: &Node, args: &Args) -> Option<Field> {
        let Args::Named(a) = args else {
            self.err(
                n.span.start,
                format!("Link takes named keys, e.g. {LINK_EXAMPLE}"),
            );
            return None;
        };
        let k = self.keys("Link", a, &["app", "many", "required"], &[]);
        let before = self.diags.len();
        let app = match k.get("app") {
            Some((_, v)) => self.nonempty_text("app", v).map(|s| (s, v.span.start)),
            None => {
                self.err(
                    n.span.start,
                    format!("Link needs the app it links to, e.g. {LINK_EXAMPLE}"),
                );
                None
            }
        };
        let many = k
            .get("many")
            .and_then(|(_, v)| self.boolean("many", v))
            .unwrap_or(false);
        let required = k
            .get("required")
            .and_then(|(_, v)| self.boolean("required", v))
            .unwrap_or(false);
        let (app, at) = app?;
        (self.diags.len() == before).then_some(Field {
            ty: FieldType::Link { app, many, at },
            required,
            default: None,
            was: None,
        })
    }

    /// `Rollup(from:, via:, of:, where:)`.
    pub(super) fn rollup_field(&mut self, n: &Node, args: &Args) -> Option<Field> {
        let Args::Named(a) = args else {
            self.err(
                n.span.start,
                format!("Rollup takes named keys, e.g. {ROLLUP_EXAMPLE}"),
            );
            return None;
        };
        let k = self.keys("Rollup", a, &["from", "via", "of", "where"], &[]);
        let before = self.diags.len();
        let mut at = RollupAt::default();
        let need = |cx: &mut Cx, key: &str, what: &str| match k.get(key) {
            Some((_, v)) => cx.nonempty_text(key, v).map(|s| (s, v.span.start)),
            None => {
                cx.err(
                    n.span.start,
                    format!("Rollup needs '{key}:' ({what}), e.g. {ROLLUP_EXAMPLE}"),
                );
                None
            }
        };
        let from = need(self, "from", "the app whose items link here");
        let via = need(self, "via", "that app's Link field");
        let figure = match k.get("of") {
            Some((_, v)) => {
                at.of = v.span.start;
                self.rollup_figure(v)
            }
            None => {
                self.err(
                    n.span.start,
                    format!(
                        "Rollup needs 'of:' (Count, or Sum(\"field\"), Avg, Min, Max), e.g. {ROLLUP_EXAMPLE}"
                    ),
                );
                None
            }
        };
        let filter = k.get("where").and_then(|(_, v)| {
            at.filter = v.span.start;
            let s = self.nonempty_text("where", v)?;
            let (negated, field) = match s.trim().strip_prefix("not ") {
                Some(rest) => (true, rest.trim().to_string()),
                None => (false, s.trim().to_string()),
            };
            if field.is_empty() || field.contains(char::is_whitespace) {
                self.err(
                    v.span.start,
                    format!(
                        "a rollup's 'where' names a Bool field of the other app (or done), optionally with not: \"paid\" or \"not paid\"; found {}",
                        quote(&s)
                    ),
                );
                return None;
            }
            Some(RollupWhere { field, negated })
        });
        if self.diags.len() > before {
            return None;
        }
        let ((from, from_at), (via, via_at), (agg, of)) = (from?, via?, figure?);
        at.from = from_at;
        at.via = via_at;
        Some(Field {
            ty: FieldType::Rollup(Box::new(Rollup {
                from,
                via,
                agg,
                of,
                filter,
                at,
            })),
            required: false,
            default: None,
            was: None,
        })
    }

    /// `Count` or `Sum("amount")` (and Avg, Min, Max).
    fn rollup_figure(&mut self, n: &Node) -> Option<(Agg, Option<String>)> {
        let (word, arg) = match &n.kind {
            NodeKind::Ident(i) => (i.as_str(), None),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(items),
            } if items.len() == 1 => (name.name.as_str(), Some(&items[0])),
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "'of' expects Count, or Sum(\"field\"), Avg, Min or Max, found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let agg = match word {
            "Count" => Agg::Count,
            "Sum" => Agg::Sum,
            "Avg" => Agg::Avg,
            "Min" => Agg::Min,
            "Max" => Agg::Max,
            other => {
                let hint = closest(other, ROLLUP_FIGURES);
                let msg = match hint {
                    Some(c) => format!("unknown rollup figure '{other}', did you mean '{c}'?"),
                    None => format!("unknown rollup figure '{other}'; use Count, Sum, Avg, Min or Max"),
                };
                self.err_hint(n.span.start, msg, hint);
                return None;
            }
        };
        match (agg, arg) {
            (Agg::Count, None) => Some((agg, None)),
            (Agg::Count, Some(a)) => {
                self.err(a.span.start, "Count takes no field; write of: Count");
                None
            }
            (_, Some(a)) => Some((agg, Some(self.nonempty_text(word, a)?))),
            (_, None) => {
                self.err(
                    n.span.start,
                    format!("{word} needs one field of the other app, e.g. {word}(\"amount\")"),
                );
                None
            }
        }
    }
}

/// Why `field` (named `name`) cannot be read by a formula or a summary: a
/// rollup's value is kept by the store per item and is not there when
/// formulas and summaries are computed.
pub(super) fn rollup_read(field: &Field, name: &str) -> Option<String> {
    matches!(field.ty, FieldType::Rollup(_)).then(|| {
        format!(
            "{} is a rollup; formulas and summaries cannot read a rollup yet",
            quote(name)
        )
    })
}

impl Cx {
    /// Refuses formulas that read a rollup field, at the formula.
    pub(super) fn check_rollup_reads(&mut self, fields: &IndexMap<String, Field>, at: &[(String, Pos)]) {
        for (name, pos) in at {
            let Some(FieldType::Formula { expr, .. }) = fields.get(name).map(|f| &f.ty) else {
                continue;
            };
            for r in crate::spec::formula::references(expr) {
                if let Some(m) = fields.get(&r).and_then(|f| rollup_read(f, &r)) {
                    self.err(*pos, format!("field {}: {m}", quote(name)));
                }
            }
        }
    }
}
