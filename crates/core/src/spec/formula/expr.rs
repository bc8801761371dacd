//! A parsed formula: a tree small enough (see [`super::MAX_DEPTH`]) to walk
//! recursively.

use super::Span;

/// A parsed formula. Built only by [`super::parse`], which bounds its size.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Expr {
    pub(crate) node: Node,
    pub(crate) span: Span,
}

impl Expr {
    /// Where the expression is in the formula's text.
    pub fn span(&self) -> Span {
        self.span
    }
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) enum Node {
    Number(f64),
    /// Seconds.
    Duration(f64),
    Text(String),
    Bool(bool),
    Field(String),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    Binary {
        op: BinOp,
        /// The operator's own place, where its type errors point.
        at: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Call {
        func: Func,
        args: Vec<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
}

impl BinOp {
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "and",
            BinOp::Or => "or",
        }
    }

    pub(crate) fn is_comparison(self) -> bool {
        matches!(
            self,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }
}

/// The functions a formula can call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Func {
    If,
    Today,
    Days,
    Round,
    Min,
    Max,
    Len,
    Contains,
    Year,
    Month,
    Week,
    Mod,
}

impl Func {
    pub const ALL: [Func; 12] = [
        Func::If,
        Func::Today,
        Func::Days,
        Func::Round,
        Func::Min,
        Func::Max,
        Func::Len,
        Func::Contains,
        Func::Year,
        Func::Month,
        Func::Week,
        Func::Mod,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Func::If => "if",
            Func::Today => "today",
            Func::Days => "days",
            Func::Round => "round",
            Func::Min => "min",
            Func::Max => "max",
            Func::Len => "len",
            Func::Contains => "contains",
            Func::Year => "year",
            Func::Month => "month",
            Func::Week => "week",
            Func::Mod => "mod",
        }
    }

    pub fn named(name: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.name() == name)
    }

    /// How it is called, for messages.
    pub fn usage(self) -> &'static str {
        match self {
            Func::If => "if(condition, then, else)",
            Func::Today => "today()",
            Func::Days => "days(from, to)",
            Func::Round => "round(number) or round(number, decimals)",
            Func::Min => "min(a, b, ...)",
            Func::Max => "max(a, b, ...)",
            Func::Len => "len(text or tags)",
            Func::Contains => "contains(text or tags, text)",
            Func::Year => "year(date)",
            Func::Month => "month(date)",
            Func::Week => "week(date)",
            Func::Mod => "mod(number, by)",
        }
    }

    /// The fewest and most arguments it takes (`None`: no upper bound).
    pub(crate) fn arity(self) -> (usize, Option<usize>) {
        match self {
            Func::If => (3, Some(3)),
            Func::Today => (0, Some(0)),
            Func::Days | Func::Contains | Func::Mod => (2, Some(2)),
            Func::Round => (1, Some(2)),
            Func::Min | Func::Max => (2, None),
            Func::Len | Func::Year | Func::Month | Func::Week => (1, Some(1)),
        }
    }
}

/// The fields a formula reads, each once, in the order they first appear:
/// what a caller needs to refuse a cycle of formulas.
pub fn references(expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    collect(expr, &mut out);
    out
}

fn collect(expr: &Expr, out: &mut Vec<String>) {
    match &expr.node {
        Node::Number(_) | Node::Duration(_) | Node::Text(_) | Node::Bool(_) => {}
        Node::Field(name) => {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
        Node::Neg(e) | Node::Not(e) => collect(e, out),
        Node::Binary { lhs, rhs, .. } => {
            collect(lhs, out);
            collect(rhs, out);
        }
        Node::Call { args, .. } => args.iter().for_each(|a| collect(a, out)),
    }
}

/// Whether the formula itself calls `today()` (not counting the formula
/// fields it reads): its value changes with the day.
pub fn uses_today(expr: &Expr) -> bool {
    match &expr.node {
        Node::Number(_) | Node::Duration(_) | Node::Text(_) | Node::Bool(_) | Node::Field(_) => false,
        Node::Neg(e) | Node::Not(e) => uses_today(e),
        Node::Binary { lhs, rhs, .. } => uses_today(lhs) || uses_today(rhs),
        Node::Call { func, args } => *func == Func::Today || args.iter().any(uses_today),
    }
}

/// Whether field `name` is a formula that reads today's date, itself or
/// through the formulas it uses: its value changes with the day.
pub fn field_uses_today(name: &str, fields: &indexmap::IndexMap<String, crate::spec::Field>) -> bool {
    fn walk(name: &str, fields: &indexmap::IndexMap<String, crate::spec::Field>, depth: usize) -> bool {
        let Some(crate::spec::FieldType::Formula { expr, .. }) = fields.get(name).map(|f| &f.ty) else {
            return false;
        };
        // The spec refuses circles; the bound only stops a hostile chain.
        depth < 64 && (uses_today(expr) || references(expr).iter().any(|r| walk(r, fields, depth + 1)))
    }
    walk(name, fields, 0)
}
