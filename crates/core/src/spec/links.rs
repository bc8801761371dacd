//! What Link and Rollup fields name in other specs, checked once every spec
//! of the apps folder is read: the app exists and is a list, a rollup's
//! `via:` is a Link of that app to this one and its `of:` a number field.

use super::diagnostic::Diagnostic;
use super::load::closest;
use super::syntax::quote;
use super::types::{FieldType, Kind, ListSpec, Spec};

/// Every problem of each spec's links, by the spec's id. A link to one of
/// `broken` (the names of spec files that did not load) is left alone: that
/// file's own problems are reported already.
pub fn check(specs: &[&Spec], broken: &[&str]) -> Vec<(String, Diagnostic)> {
    let mut out = Vec::new();
    for spec in specs {
        let Kind::List(list) = &spec.kind else { continue };
        for (fname, field) in &list.fields {
            let mut err = |pos, message: String, hint: Option<&str>| {
                let mut d = Diagnostic::new(pos, format!("field {}: {message}", quote(fname)));
                d.suggestion = hint.map(str::to_string);
                out.push((spec.id.clone(), d));
            };
            match &field.ty {
                FieldType::Link { app, .. } if broken.contains(&app.as_str()) => {}
                FieldType::Rollup(r) if broken.contains(&r.from.as_str()) => {}
                FieldType::Link { app, at, .. } => {
                    if let Err((m, hint)) = target(specs, app) {
                        err(*at, m, hint);
                    }
                }
                FieldType::Rollup(r) => {
                    let from = match target(specs, &r.from) {
                        Ok(l) => l,
                        Err((m, hint)) => {
                            err(r.at.from, m, hint);
                            continue;
                        }
                    };
                    let links: Vec<&str> = from
                        .fields
                        .iter()
                        .filter(|(_, f)| matches!(&f.ty, FieldType::Link { app, .. } if app == &spec.id))
                        .map(|(n, _)| n.as_str())
                        .collect();
                    match from.fields.get(&r.via).map(|f| &f.ty) {
                        Some(FieldType::Link { app, .. }) if app == &spec.id => {}
                        Some(FieldType::Link { app, .. }) => err(
                            r.at.via,
                            format!(
                                "'via' {} of {} links to {}, not to this app",
                                quote(&r.via),
                                quote(&r.from),
                                quote(app)
                            ),
                            None,
                        ),
                        Some(t) => err(
                            r.at.via,
                            format!(
                                "'via' {} of {} is {}, not a Link to this app",
                                quote(&r.via),
                                quote(&r.from),
                                t.word()
                            ),
                            None,
                        ),
                        None => {
                            let hint = closest(&r.via, &links);
                            let m = match (hint, links.is_empty()) {
                                (Some(h), _) => format!(
                                    "'via' {} names no field of {}, did you mean {}?",
                                    quote(&r.via),
                                    quote(&r.from),
                                    quote(h)
                                ),
                                (None, true) => format!(
                                    "{} has no Link field to this app; add one such as \"{}\": Link(app: {})",
                                    quote(&r.from),
                                    spec.id,
                                    quote(&spec.id)
                                ),
                                (None, false) => format!(
                                    "'via' {} names no field of {}; its links here are {}",
                                    quote(&r.via),
                                    quote(&r.from),
                                    links.iter().map(|l| quote(l)).collect::<Vec<_>>().join(", ")
                                ),
                            };
                            err(r.at.via, m, hint);
                        }
                    }
                    if let Some(of) = &r.of {
                        let numbers: Vec<&str> = from
                            .fields
                            .iter()
                            .filter(|(_, f)| f.ty.is_numeric())
                            .map(|(n, _)| n.as_str())
                            .collect();
                        match from.fields.get(of) {
                            Some(f) if f.ty.is_numeric() => {}
                            Some(f) => err(
                                r.at.of,
                                format!(
                                    "{}({}) needs a Number, Money, Rating or Duration field of {}, but {} is {}",
                                    r.agg.word(),
                                    quote(of),
                                    quote(&r.from),
                                    quote(of),
                                    f.ty.word()
                                ),
                                None,
                            ),
                            None => {
                                let hint = closest(of, &numbers);
                                let m = match hint {
                                    Some(h) => format!(
                                        "{} names no field {} of {}, did you mean {}?",
                                        r.agg.word(),
                                        quote(of),
                                        quote(&r.from),
                                        quote(h)
                                    ),
                                    None => format!(
                                        "{} names no field {} of {}",
                                        r.agg.word(),
                                        quote(of),
                                        quote(&r.from)
                                    ),
                                };
                                err(r.at.of, m, hint);
                            }
                        }
                    }
                    if let Some(w) = &r.filter {
                        let bools: Vec<&str> = from
                            .fields
                            .iter()
                            .filter(|(_, f)| matches!(f.ty, FieldType::Bool))
                            .map(|(n, _)| n.as_str())
                            .chain(["done"])
                            .collect();
                        if !bools.contains(&w.field.as_str()) {
                            let hint = closest(&w.field, &bools);
                            let m = match hint {
                                Some(h) => format!(
                                    "'where' names no Bool field {} of {}, did you mean {}?",
                                    quote(&w.field),
                                    quote(&r.from),
                                    quote(h)
                                ),
                                None => format!(
                                    "'where' names no Bool field {} of {}; it may name {}",
                                    quote(&w.field),
                                    quote(&r.from),
                                    bools.iter().map(|l| quote(l)).collect::<Vec<_>>().join(", ")
                                ),
                            };
                            err(r.at.filter, m, hint);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The list `app` names, or why it cannot be linked to.
fn target<'a>(specs: &[&'a Spec], app: &str) -> Result<&'a ListSpec, (String, Option<&'a str>)> {
    match specs.iter().find(|s| s.id == app) {
        Some(s) => match &s.kind {
            Kind::List(l) => Ok(l),
            k => Err((
                format!(
                    "{} is a {}; only a list's items can be linked",
                    quote(app),
                    k.word()
                ),
                None,
            )),
        },
        None => {
            let ids: Vec<&str> = specs
                .iter()
                .filter(|s| matches!(s.kind, Kind::List(_)))
                .map(|s| s.id.as_str())
                .collect();
            let hint = closest(app, &ids);
            Err((
                match hint {
                    Some(h) => format!("no app {} to link to, did you mean {}?", quote(app), quote(h)),
                    None => format!("no app {} to link to (`nook ls` lists the apps)", quote(app)),
                },
                hint,
            ))
        }
    }
}
