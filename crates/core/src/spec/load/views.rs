//! A list's named views, `views: [(name: "To read", filter: "status ==
//! 'to read'", sort: ["-rating"]), (name: "By author", view: Table(group:
//! "author"))]`. A view's `view`, `sort` and `show` are read exactly as the
//! list's own keys are, so every message is the one those keys give.

use super::formula_field::Condition;
use super::*;

pub(super) const VIEW_KEYS: &[&str] = &["name", "view", "sort", "filter", "show"];

impl Cx {
    /// `views: [...]`. `outer` is the list's keys (its `fields` are read
    /// again for each view, and were found fine); `names` every field name.
    pub(super) fn named_views(
        &mut self,
        n: &Node,
        outer: &Keys,
        fields: &IndexMap<String, Field>,
        names: &[&str],
    ) -> Option<Vec<NamedView>> {
        let items = self.list("views", n)?;
        let before = self.diags.len();
        let mut out: Vec<NamedView> = Vec::new();
        // Every name written, a refused view's too.
        let mut seen: Vec<String> = Vec::new();
        for item in items {
            let args = match &item.kind {
                NodeKind::Call {
                    name: None,
                    args: Args::Named(a),
                } => a,
                _ => {
                    self.err(
                        item.span.start,
                        format!(
                            "a view is written (name: \"To read\", filter: \"...\"), found {}",
                            item.describe()
                        ),
                    );
                    continue;
                }
            };
            let vk = self.keys("a view", args, VIEW_KEYS, &[]);
            let name = match vk.get("name") {
                None => {
                    self.err(
                        item.span.start,
                        "a view needs a name, e.g. (name: \"To read\", filter: \"...\")",
                    );
                    None
                }
                Some((_, nn)) => match self.nonempty_text("name", nn) {
                    Some(s) if s.eq_ignore_ascii_case("all") => {
                        self.err(
                            nn.span.start,
                            "\"All\" is the name of every item's view; call this view something else",
                        );
                        None
                    }
                    Some(s) if seen.iter().any(|v| v.eq_ignore_ascii_case(&s)) => {
                        self.err(nn.span.start, format!("two views are named {}", quote(&s)));
                        None
                    }
                    Some(s) => {
                        seen.push(s.clone());
                        Some(s)
                    }
                    None => None,
                },
            };
            // Messages name the view as written, even one refused.
            let written = match vk.get("name").map(|(_, nn)| &nn.kind) {
                Some(NodeKind::Str(s)) if !s.trim().is_empty() => format!("view {}: ", quote(s)),
                _ => "a view: ".to_string(),
            };
            let scope = self.scope.replace(written);
            // The list's keys with the view's own in place of its view, sort
            // and show: read as the list reads them.
            let mut keys: Keys = outer
                .iter()
                .filter(|(k, _)| matches!(**k, "fields" | "decimal"))
                .map(|(k, v)| (*k, *v))
                .collect();
            for key in ["view", "sort", "show"] {
                if let Some(v) = vk.get(key) {
                    keys.insert(key, *v);
                }
            }
            let before_shape = self.diags.len();
            let shape = self.list_spec(&keys);
            // What the list's own keys say again (a field's `due:`, say) was
            // reported with them: only what is inside this view is new.
            let mut i = before_shape;
            while i < self.diags.len() {
                let at = self.diags[i].pos;
                if at >= item.span.start && at <= item.span.end {
                    i += 1;
                } else {
                    self.diags.remove(i);
                }
            }
            let filter = vk
                .get("filter")
                .and_then(|(_, f)| self.view_filter(f, fields, names));
            let filter_ok = !vk.contains_key("filter") || filter.is_some();
            self.scope = scope;
            if let (Some(name), Some(shape), true) = (name, shape, filter_ok) {
                out.push(NamedView {
                    name,
                    view: vk.contains_key("view").then_some((shape.view, shape.group)),
                    sort: vk.contains_key("sort").then_some(shape.sort),
                    filter,
                    show: if vk.contains_key("show") { shape.show } else { None },
                });
            }
        }
        (self.diags.len() == before).then_some(out)
    }

    /// A view's `filter:`: a formula that must be true or false, every
    /// problem where it is inside the string. Unlike a stored figure's
    /// `where:` it may read today(): a view is counted when it is shown.
    fn view_filter(&mut self, n: &Node, fields: &IndexMap<String, Field>, names: &[&str]) -> Option<Filter> {
        let NodeKind::Str(source) = &n.kind else {
            self.err(
                n.span.start,
                format!(
                    "'filter' takes a condition as text in double quotes, e.g. filter: \"status == 'to read'\", found {}",
                    n.describe()
                ),
            );
            return None;
        };
        let named = Condition {
            problem: "filter",
            whole: format!("'filter' {}", quote(source)),
            example: "status",
        };
        let expr = self.condition(n, source, &named, fields, names)?;
        Some(Filter {
            source: source.clone(),
            expr,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::spec::{Kind, View, parse_str};

    fn report(views: &str) -> String {
        let text = format!(
            "List(\n    name: \"Books\",\n    fields: {{\n        \"title\":  Text(required: true),\n        \"author\": Text,\n        \"status\": Choice(options: [\"to read\", \"done\"]),\n        \"rating\": Rating(max: 5),\n    }},\n    views: [\n{views}\n    ],\n)\n"
        );
        match parse_str("apps/x.ron", &text) {
            Ok(spec) => format!("(parsed: {:?})", spec.kind),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn named_views_are_read_with_what_they_set() {
        let text = "List(name: \"Books\", fields: {\"title\": Text, \"author\": Text, \"status\": Choice(options: [\"to read\", \"done\"]), \"rating\": Rating},\n views: [(name: \"To read\", filter: \"status == 'to read'\", sort: [\"-rating\"]), (name: \"By author\", view: Table(group: \"author\"), show: [\"rating\"])])";
        let spec = parse_str("apps/x.ron", text).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        assert_eq!(l.views.len(), 2);
        let (a, b) = (&l.views[0], &l.views[1]);
        assert_eq!(a.name, "To read");
        assert_eq!(
            a.filter.as_ref().map(|f| f.source.as_str()),
            Some("status == 'to read'")
        );
        assert_eq!(
            a.sort.as_ref().map(|s| (s[0].field.as_str(), s[0].descending)),
            Some(("rating", true))
        );
        assert_eq!(a.view, None);
        assert_eq!(
            b.view,
            Some((View::Table { columns: vec![] }, Some("author".to_string())))
        );
        assert_eq!(b.show, Some(vec!["rating".to_string()]));
        let grouped = l.as_view(b);
        assert_eq!(grouped.group.as_deref(), Some("author"));
        assert!(l.named_view("by AUTHOR").is_ok());
        assert_eq!(l.named_view("nope").unwrap_err(), vec!["To read", "By author"]);
    }

    #[test]
    fn a_problem_of_the_list_is_not_reported_again_by_each_view() {
        let text = "List(name: \"A\", fields: {\"t\": Text(due: true), \"d\": Date},\n views: [(name: \"V\"), (name: \"W\", sort: [\"x\"])])";
        let out = parse_str("apps/x.ron", text).unwrap_err().to_string();
        assert_eq!(out.matches("'due' marks").count(), 1, "{out}");
        assert!(out.contains("view \"W\": 'sort' names no field \"x\""), "{out}");
    }

    #[test]
    fn bad_views_are_refused_where_they_are() {
        assert_eq!(
            report("        (filter: \"rating > 3\"),"),
            "apps/x.ron:10:9: a view needs a name, e.g. (name: \"To read\", filter: \"...\")"
        );
        assert_eq!(
            report("        (name: \"Good\"),\n        (name: \"good\"),"),
            "apps/x.ron:11:16: two views are named \"good\""
        );
        assert_eq!(
            report("        (name: \"Good\", filter: \"rating\"),"),
            "apps/x.ron:10:32: view \"Good\": 'filter' \"rating\" must be true or false, but it gives Number; compare it, e.g. rating > 0"
        );
        assert_eq!(
            report("        (name: \"Good\", filter: \"ratin > 3\"),"),
            "apps/x.ron:10:33: view \"Good\": filter: no field `ratin`; did you mean `rating`?"
        );
        assert_eq!(
            report("        (name: \"Good\", sort: [\"-ratin\"]),"),
            "apps/x.ron:10:31: view \"Good\": 'sort' names no field \"ratin\", did you mean \"rating\"?"
        );
        assert_eq!(
            report("        (name: \"Good\", colour: \"red\"),"),
            "apps/x.ron:10:24: unknown key 'colour' in a view; it takes name, view, sort, filter, show"
        );
        assert_eq!(
            report("        (name: \"\"),"),
            "apps/x.ron:10:16: 'name' must not be empty"
        );
        assert_eq!(
            report("        (name: \"Board\", view: Board(by: \"author\")),"),
            "apps/x.ron:10:41: view \"Board\": Board(by: \"author\") needs a Choice field, but \"author\" is Text"
        );
        assert_eq!(
            report("        \"To read\","),
            "apps/x.ron:10:9: a view is written (name: \"To read\", filter: \"...\"), found the text \"To read\""
        );
    }
}
