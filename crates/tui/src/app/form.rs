//! The add/edit form of a list: one editor per field type, checked as you type.

use std::collections::BTreeMap;

use super::command::{self, Cmd, Context};
use super::key::{Code, Key};
use super::line::LineInput;
use super::picker::{Picked, Picker};
use crate::model::input::parse_value;
use crate::model::item_id::ItemId;
use crate::model::link::Linked;
use crate::model::rollup::linked_ids;
use crate::model::value::DecimalMark;
use crate::model::{FieldValue, Item, Now};
use crate::spec::{Field, FieldDefault, FieldType, ListSpec};

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    pub name: String,
    /// None: the single line of a list without fields.
    pub field: Option<Field>,
    pub input: LineInput,
    pub error: Option<String>,
    /// A stored value that does not fit the field's type, with the text
    /// shown for it: saved unchanged while that text is left alone.
    pub kept: Option<(String, FieldValue)>,
    /// The text as the form opened, to tell whether anything was typed.
    pub start: String,
    /// A Link field's chosen ids (its input shows their titles).
    pub link: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// The item being edited; None when adding.
    pub editing: Option<Item>,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// The list's decimal mark, for reading what is typed.
    pub mark: DecimalMark,
    /// C-c after typing: "discard what you typed?" is asked.
    pub asking: bool,
    /// Each Link field's candidates (id, title), by field name.
    pub choices: BTreeMap<String, Vec<(String, String)>>,
    /// The picker open over a Link field (boxed: a form stays small).
    pub picker: Option<Box<Picker>>,
}

pub enum FormResult {
    Continue,
    Cancel,
    Save(String, BTreeMap<String, FieldValue>),
    /// Several one-line items (a multi-line paste): their texts.
    SaveMany(Vec<String>),
}

fn value_text(ty: &FieldType, v: &FieldValue, mark: DecimalMark) -> String {
    match (ty, v) {
        (_, FieldValue::Number(n)) if !matches!(ty, FieldType::Duration) => mark.write(*n),
        (FieldType::Duration, FieldValue::Number(n)) => crate::spec::duration::format(*n as u64),
        (FieldType::Bool, FieldValue::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        (_, FieldValue::List(l)) => l.join(", "),
        _ => v.display(),
    }
}

impl Form {
    pub fn new(list: &ListSpec, editing: Option<Item>, now: Now) -> Form {
        let fields = if list.fields.is_empty() {
            vec![FormField {
                name: "text".into(),
                field: None,
                input: editing
                    .as_ref()
                    .map(|i| i.text.clone())
                    .unwrap_or_default()
                    .into(),
                error: None,
                kept: None,
                start: String::new(),
                link: Vec::new(),
            }]
        } else {
            list.fields
                .iter()
                // A formula or a rollup is computed, never typed in.
                .filter(|(_, f)| !f.ty.is_computed())
                .map(|(name, f)| {
                    let input = match (&editing, &f.default) {
                        (Some(item), _) => item
                            .values
                            .get(name)
                            .map(|v| value_text(&f.ty, v, list.decimal))
                            .unwrap_or_default(),
                        (None, Some(FieldDefault::Value(v))) => value_text(&f.ty, v, list.decimal),
                        (None, Some(FieldDefault::Today)) => now.today().format("%Y-%m-%d").to_string(),
                        (None, Some(FieldDefault::Now)) => now.local.format("%Y-%m-%d %H:%M").to_string(),
                        // Nothing the spec did not say: left empty, an
                        // empty field is stored as absent (as `nook add`).
                        (None, None) => String::new(),
                    };
                    let kept = editing
                        .as_ref()
                        .and_then(|item| item.values.get(name))
                        .filter(|v| !crate::model::migrate::fits(&f.ty, v))
                        .map(|v| (input.clone(), v.clone()));
                    FormField {
                        name: name.clone(),
                        field: Some(f.clone()),
                        input: input.into(),
                        error: None,
                        kept,
                        start: String::new(),
                        link: Vec::new(),
                    }
                })
                .collect()
        };
        let fields: Vec<FormField> = fields
            .into_iter()
            .map(|f| FormField {
                start: f.input.text().to_string(),
                ..f
            })
            .collect();
        Form {
            editing,
            fields,
            focus: 0,
            mark: list.decimal,
            asking: false,
            choices: BTreeMap::new(),
            picker: None,
        }
    }

    /// Fills the Link fields from what the list shows of the other apps:
    /// their candidates, and the titles of the items already linked.
    pub fn with_links(mut self, linked: &Linked) -> Form {
        for f in &mut self.fields {
            let Some(FieldType::Link { app, .. }) = f.field.as_ref().map(|x| &x.ty) else {
                continue;
            };
            let titles = linked.titles.get(app);
            let mut choices: Vec<(ItemId, String)> = titles
                .map(|t| t.iter().map(|(id, s)| (*id, s.clone())).collect())
                .unwrap_or_default();
            choices.sort();
            self.choices.insert(
                f.name.clone(),
                choices.into_iter().map(|(id, t)| (id.to_string(), t)).collect(),
            );
            let value = self.editing.as_ref().and_then(|i| i.values.get(&f.name)).cloned();
            f.link = value
                .as_ref()
                .map(|v| linked_ids(v).iter().map(ItemId::to_string).collect())
                .unwrap_or_default();
            f.kept = None;
            let text = value.map(|v| linked.shown(app, &v)).unwrap_or_default();
            f.input.set(text.clone());
            f.start = text;
        }
        self
    }

    /// A Link field's input after a choice: the chosen items' titles.
    fn show_link(&mut self, i: usize) {
        let f = &mut self.fields[i];
        let choices = self.choices.get(&f.name);
        let titles: Vec<String> = f
            .link
            .iter()
            .map(|id| {
                choices
                    .and_then(|c| c.iter().find(|(x, _)| x == id))
                    .map_or(crate::model::link::DELETED.to_string(), |(_, t)| t.clone())
            })
            .collect();
        f.input.set(titles.join(", "));
    }

    /// A key while the picker is open.
    fn picker_key(&mut self, key: Key, now: Now) -> FormResult {
        let Some(p) = &mut self.picker else {
            return FormResult::Continue;
        };
        let i = p.field;
        let none = Vec::new();
        let choices = self.choices.get(&self.fields[i].name).unwrap_or(&none);
        match p.key(key, choices) {
            Picked::Continue => {}
            Picked::Leave => self.picker = None,
            Picked::Chose(id) => {
                let many = p.many;
                let f = &mut self.fields[i];
                if !many {
                    f.link = vec![id];
                    self.picker = None;
                } else if let Some(at) = f.link.iter().position(|x| *x == id) {
                    f.link.remove(at);
                } else {
                    f.link.push(id);
                }
                self.show_link(i);
                self.check_field(i, now);
            }
        }
        FormResult::Continue
    }

    /// Whether any field holds other text than it opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(|f| f.input.text() != f.start)
    }

    /// A key, as the form's table says (`Context::Form`, and `FormAsk`
    /// while "discard what was typed?" is asked); keys it leaves alone go
    /// to the focused field's input.
    pub fn key(&mut self, key: Key, now: Now) -> FormResult {
        let n = self.fields.len();
        // C-c closes the form, not nook; after typing it asks first, as the
        // spec editor does: y discards, any other key goes on typing.
        if self.asking {
            self.asking = false;
            return match command::lookup(Context::FormAsk, key) {
                Some(Cmd::Yes) => FormResult::Cancel,
                _ => FormResult::Continue,
            };
        }
        if self.picker.is_some() {
            return self.picker_key(key, now);
        }
        let ty = self.fields[self.focus].field.as_ref().map(|x| x.ty.clone());
        match (command::lookup(Context::Form, key), ty) {
            (Some(Cmd::Cancel), _) => {
                if !self.changed() {
                    return FormResult::Cancel;
                }
                self.asking = true;
                return FormResult::Continue;
            }
            (Some(Cmd::Back), _) => return FormResult::Cancel,
            (Some(Cmd::Submit), _) => return self.submit(now),
            (Some(Cmd::NextField), _) => self.focus = (self.focus + 1) % n,
            (Some(Cmd::PrevField), _) => self.focus = (self.focus + n - 1) % n,
            (Some(cmd @ (Cmd::PickPrev | Cmd::PickNext)), Some(FieldType::Choice { options }))
                if !options.is_empty() =>
            {
                let f = &mut self.fields[self.focus];
                let at = options.iter().position(|o| o == f.input.text());
                let next = match (at, cmd) {
                    (None, _) => 0,
                    (Some(i), Cmd::PickNext) => (i + 1) % options.len(),
                    (Some(i), _) => (i + options.len() - 1) % options.len(),
                };
                f.input.set(options[next].clone());
                self.check_field(self.focus, now);
            }
            (Some(Cmd::PickPrev | Cmd::PickNext | Cmd::Flip), Some(FieldType::Bool)) => {
                let f = &mut self.fields[self.focus];
                f.input.set(if f.input.text() == "yes" { "no" } else { "yes" });
                self.check_field(self.focus, now);
            }
            (Some(cmd @ (Cmd::PickPrev | Cmd::PickNext)), Some(FieldType::Rating { max })) => {
                let f = &mut self.fields[self.focus];
                let cur: i64 = f.input.text().parse().unwrap_or(0);
                let next = if cmd == Cmd::PickNext { cur + 1 } else { cur - 1 };
                f.input.set(next.clamp(0, i64::from(max)).to_string());
                self.check_field(self.focus, now);
            }
            // → opens the picker; typing opens it searching for what is typed.
            (Some(Cmd::PickNext), Some(FieldType::Link { many, .. })) => {
                self.picker = Some(Box::new(Picker::new(self.focus, many, "")));
            }
            (_, Some(FieldType::Link { many, .. })) => match key.code {
                Code::Char(c) if !key.ctrl && !key.alt => {
                    self.picker = Some(Box::new(Picker::new(self.focus, many, &c.to_string())));
                }
                Code::Backspace | Code::Delete => {
                    self.fields[self.focus].link.clear();
                    self.show_link(self.focus);
                    self.check_field(self.focus, now);
                }
                _ => {}
            },
            // Typing, and ←/→ or Space on a text field: the line input's.
            _ => {
                self.fields[self.focus].input.key(&key);
                self.check_field(self.focus, now);
            }
        }
        FormResult::Continue
    }

    /// Pasted text into the focused field. Several lines pasted into the
    /// add form of a list whose item is one line of text make one item each
    /// (the first joined to what was typed); anything else goes in as one
    /// line.
    pub fn paste(&mut self, text: &str, now: Now) -> FormResult {
        self.asking = false;
        if let Some(p) = &mut self.picker {
            p.paste(text);
            return FormResult::Continue;
        }
        // Terminals send a pasted line break as \r.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let one_line_items = self.editing.is_none()
            && self.fields.len() == 1
            && self.fields[0]
                .field
                .as_ref()
                .is_none_or(|f| matches!(f.ty, FieldType::Text));
        if one_line_items && lines.len() > 1 {
            let f = &mut self.fields[0];
            f.input.insert(lines[0]);
            let mut items = vec![f.input.text().trim().to_string()];
            items.extend(lines[1..].iter().map(|l| l.to_string()));
            return FormResult::SaveMany(items);
        }
        self.fields[self.focus].input.insert(text.trim_end_matches('\n'));
        self.check_field(self.focus, now);
        FormResult::Continue
    }

    /// Checks one field's input; the message shows under the field.
    fn check_field(&mut self, i: usize, now: Now) -> Option<FieldValue> {
        let mark = self.mark;
        let f = &mut self.fields[i];
        let Some(field) = &f.field else {
            f.error = f
                .input
                .text()
                .trim()
                .is_empty()
                .then(|| "write something".to_string());
            return None;
        };
        if let Some(FieldType::Link { many, .. }) = f.field.as_ref().map(|x| &x.ty) {
            f.error = (f.link.is_empty() && field.required)
                .then(|| format!("{:?} is required: → picks one", f.name));
            return match (f.link.as_slice(), many) {
                ([], _) => None,
                (ids, true) => Some(FieldValue::List(ids.to_vec())),
                ([id, ..], false) => Some(FieldValue::Text(id.clone())),
            };
        }
        if let Some((text, v)) = &f.kept
            && text == f.input.text()
        {
            f.error = None;
            return Some(v.clone());
        }
        if f.input.text().trim().is_empty() {
            f.error = field.required.then(|| format!("{:?} is required", f.name));
            return None;
        }
        match parse_value(&field.ty, f.input.text(), Some(now.today()), mark) {
            Ok(v) => {
                f.error = None;
                Some(v)
            }
            Err(e) => {
                f.error = Some(e);
                None
            }
        }
    }

    fn submit(&mut self, now: Now) -> FormResult {
        let mut values = BTreeMap::new();
        let mut ok = true;
        for i in 0..self.fields.len() {
            let v = self.check_field(i, now);
            if self.fields[i].error.is_some() {
                ok = false;
            }
            if let Some(v) = v {
                values.insert(self.fields[i].name.clone(), v);
            }
        }
        if !ok {
            self.focus = self.fields.iter().position(|f| f.error.is_some()).unwrap_or(0);
            return FormResult::Continue;
        }
        if self.fields.len() == 1 && self.fields[0].field.is_none() {
            return FormResult::Save(self.fields[0].input.text().trim().to_string(), BTreeMap::new());
        }
        // Keep values of fields the spec no longer has (hidden data).
        if let Some(item) = &self.editing {
            for (k, v) in &item.values {
                if !self.fields.iter().any(|f| &f.name == k) {
                    values.insert(k.clone(), v.clone());
                }
            }
        }
        FormResult::Save(String::new(), values)
    }
}

#[cfg(test)]
mod tests {
    use super::{Form, FormResult};
    use crate::app::key::{Code, Key};
    use crate::model::{FieldValue, Now};
    use crate::spec::{Kind, ListSpec};

    fn list(fields: &str) -> ListSpec {
        let text = format!("List(name: \"Books\", fields: {{ {fields} }})");
        match crate::spec::parse_str("books.ron", &text)
            .expect("a valid spec")
            .kind
        {
            Kind::List(l) => l,
            _ => unreachable!(),
        }
    }

    fn now() -> Now {
        Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 3, 14)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.key(Key::plain(Code::Char(c)), now());
        }
    }

    #[test]
    fn a_field_without_a_default_starts_empty_and_is_saved_absent() {
        let l = list(
            r#""title": Text, "finished": Date, "owned": Bool, "format": Choice(options: ["paper", "ebook"]), "stars": Rating"#,
        );
        let mut form = Form::new(&l, None, now());
        let shown: Vec<&str> = form.fields.iter().map(|f| f.input.text()).collect();
        assert_eq!(shown, ["", "", "", "", ""]);
        typed(&mut form, "Dune");
        match form.key(Key::plain(Code::Enter), now()) {
            FormResult::Save(_, values) => {
                assert_eq!(values.len(), 1, "only the title was given: {values:?}");
                assert_eq!(values["title"], FieldValue::Text("Dune".into()));
            }
            _ => panic!("the form did not save"),
        }
    }

    #[test]
    fn defaults_the_spec_gives_are_still_filled() {
        let l = list(
            r#""added": Date(default: Today), "owned": Bool(default: false), "format": Choice(options: ["paper", "ebook"], default: "ebook")"#,
        );
        let form = Form::new(&l, None, now());
        let shown: Vec<&str> = form.fields.iter().map(|f| f.input.text()).collect();
        assert_eq!(shown, ["2026-03-14", "no", "ebook"]);
    }

    #[test]
    fn a_required_field_without_a_default_must_be_filled_and_the_message_names_it() {
        let l = list(r#""title": Text, "format": Choice(options: ["paper", "ebook"], required: true)"#);
        let mut form = Form::new(&l, None, now());
        typed(&mut form, "Dune");
        assert!(matches!(
            form.key(Key::plain(Code::Enter), now()),
            FormResult::Continue
        ));
        assert_eq!(form.focus, 1, "the cursor goes to the missing field");
        let error = form.fields[1].error.as_deref().unwrap_or_default();
        assert!(error.contains("format"), "the message names the field: {error:?}");
        form.key(Key::plain(Code::Right), now());
        match form.key(Key::plain(Code::Enter), now()) {
            FormResult::Save(_, values) => assert_eq!(values["format"], FieldValue::Text("paper".into())),
            _ => panic!("the filled form did not save"),
        }
    }
}
