//! Comparing constraint keywords: is the new constraint stricter, looser, or different?
//!
//! The comparison is given effective constraints ([`crate::ir::Shape::effective_constraints`]):
//! a keyword that says nothing about the value's Rust type (`minItems: 0`, a `minimum` at the
//! least `i32`) is absent on both sides, so adding one is not reported, just as validation emits
//! no check for it.

use super::model::Kind;
use crate::ir::{Bound, Constraints, Num};
use std::cmp::Ordering;

/// How the set of accepted values changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Fewer values are accepted.
    Tighter,
    /// More values are accepted.
    Looser,
    /// Neither a subset nor a superset (or not decidable: two different patterns).
    Changed,
}

/// One keyword that changed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct KeywordChange {
    /// Added, removed, tightened, loosened or changed.
    pub kind: Kind,
    /// Tighter, looser or changed.
    pub class: Class,
    /// The base's keyword and value (`maxItems: 200`), if it had one.
    pub old: Option<String>,
    /// The head's keyword and value, if it has one.
    pub new: Option<String>,
    /// The head's rule in words (`at most 200 items`), or the base's when the keyword was removed.
    pub rule: String,
    /// The base's rule in words, when both sides have the keyword.
    pub was: Option<String>,
}

/// Every keyword that differs between `a` (base) and `b` (head), in a fixed keyword order.
pub(super) fn compare(a: &Constraints, b: &Constraints) -> Vec<KeywordChange> {
    let mut out = Vec::new();
    count(
        &mut out,
        "minLength",
        a.min_length,
        b.min_length,
        true,
        |n| format!("at least {n} character{}", plural(n)),
    );
    count(
        &mut out,
        "maxLength",
        a.max_length,
        b.max_length,
        false,
        |n| format!("at most {n} character{}", plural(n)),
    );
    pattern(&mut out, a.pattern.as_deref(), b.pattern.as_deref());
    count(&mut out, "minItems", a.min_items, b.min_items, true, |n| {
        format!("at least {n} item{}", plural(n))
    });
    count(&mut out, "maxItems", a.max_items, b.max_items, false, |n| {
        format!("at most {n} item{}", plural(n))
    });
    count(
        &mut out,
        "minProperties",
        a.min_properties,
        b.min_properties,
        true,
        |n| format!("at least {n} propert{}", if n == 1 { "y" } else { "ies" }),
    );
    count(
        &mut out,
        "maxProperties",
        a.max_properties,
        b.max_properties,
        false,
        |n| format!("at most {n} propert{}", if n == 1 { "y" } else { "ies" }),
    );
    bound(&mut out, "minimum", a.minimum, b.minimum, true);
    bound(&mut out, "maximum", a.maximum, b.maximum, false);
    multiple_of(&mut out, a.multiple_of, b.multiple_of);
    out
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Builds the change for one keyword from its presence on each side and, when present on both,
/// the class of the change.
fn push(
    out: &mut Vec<KeywordChange>,
    old: Option<(String, String)>,
    new: Option<(String, String)>,
    class_if_both: Option<Class>,
) {
    let (kind, class) = match (&old, &new, class_if_both) {
        (None, None, _) => return,
        (None, Some(_), _) => (Kind::ConstraintAdded, Class::Tighter),
        (Some(_), None, _) => (Kind::ConstraintRemoved, Class::Looser),
        (Some(_), Some(_), None) => return,
        (Some(_), Some(_), Some(Class::Tighter)) => (Kind::ConstraintTightened, Class::Tighter),
        (Some(_), Some(_), Some(Class::Looser)) => (Kind::ConstraintLoosened, Class::Looser),
        (Some(_), Some(_), Some(Class::Changed)) => (Kind::ConstraintChanged, Class::Changed),
    };
    let (rule, was) = match (&old, &new) {
        (Some((_, o)), Some((_, n))) => (n.clone(), Some(o.clone())),
        (None, Some((_, n))) => (n.clone(), None),
        (Some((_, o)), None) => (o.clone(), None),
        (None, None) => return,
    };
    out.push(KeywordChange {
        kind,
        class,
        old: old.map(|(k, _)| k),
        new: new.map(|(k, _)| k),
        rule,
        was,
    });
}

/// A count limit (lengths, item counts): for a lower limit a larger value is tighter, for an upper
/// limit a smaller one.
fn count(
    out: &mut Vec<KeywordChange>,
    keyword: &str,
    a: Option<u64>,
    b: Option<u64>,
    lower: bool,
    words: impl Fn(u64) -> String,
) {
    if a == b {
        return;
    }
    let side = |v: Option<u64>| v.map(|n| (format!("{keyword}: {n}"), words(n)));
    let class = match (a, b) {
        (Some(x), Some(y)) => Some(if (y > x) == lower {
            Class::Tighter
        } else {
            Class::Looser
        }),
        _ => None,
    };
    push(out, side(a), side(b), class);
}

fn pattern(out: &mut Vec<KeywordChange>, a: Option<&str>, b: Option<&str>) {
    if a == b {
        return;
    }
    let side = |v: Option<&str>| v.map(|p| (format!("pattern: {p}"), format!("must match `{p}`")));
    let class = match (a, b) {
        (Some(_), Some(_)) => Some(Class::Changed),
        _ => None,
    };
    push(out, side(a), side(b), class);
}

/// Orders two numbers exactly when both are integers; `None` when a NaN is involved.
pub(super) fn num_cmp(a: Num, b: Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
        (x, y) => as_f64(x).partial_cmp(&as_f64(y)),
    }
}

fn as_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    }
}

fn num_eq(a: Num, b: Num) -> bool {
    num_cmp(a, b) == Some(Ordering::Equal)
}

fn bound(
    out: &mut Vec<KeywordChange>,
    keyword: &str,
    a: Option<Bound>,
    b: Option<Bound>,
    lower: bool,
) {
    let same = match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => num_eq(x.value, y.value) && x.exclusive == y.exclusive,
        _ => false,
    };
    if same {
        return;
    }
    let side = |v: Option<Bound>| {
        v.map(|bd| {
            let text = if bd.exclusive {
                format!("{keyword}: {} (exclusive)", bd.value)
            } else {
                format!("{keyword}: {}", bd.value)
            };
            let words = match (lower, bd.exclusive) {
                (true, false) => format!("at least {}", bd.value),
                (true, true) => format!("greater than {}", bd.value),
                (false, false) => format!("at most {}", bd.value),
                (false, true) => format!("less than {}", bd.value),
            };
            (text, words)
        })
    };
    let class = match (a, b) {
        (Some(x), Some(y)) => Some(match num_cmp(x.value, y.value) {
            // Same limit: only the exclusive flag differs; exclusive accepts fewer values.
            Some(Ordering::Equal) => {
                if y.exclusive {
                    Class::Tighter
                } else {
                    Class::Looser
                }
            }
            // A lower bound that rises (or an upper bound that falls) is tighter.
            Some(Ordering::Less) => {
                if lower {
                    Class::Tighter
                } else {
                    Class::Looser
                }
            }
            Some(Ordering::Greater) => {
                if lower {
                    Class::Looser
                } else {
                    Class::Tighter
                }
            }
            None => Class::Changed,
        }),
        _ => None,
    };
    push(out, side(a), side(b), class);
}

/// Whether `big` is an integer multiple of `small` (so every multiple of `big` is one of `small`).
fn divides(small: Num, big: Num) -> bool {
    match (small, big) {
        (Num::Int(0), _) => false,
        (Num::Int(s), Num::Int(b)) => b.checked_rem(s) == Some(0),
        (s, b) => {
            let (s, b) = (as_f64(s), as_f64(b));
            if s == 0.0 || !s.is_finite() || !b.is_finite() {
                return false;
            }
            let q = b / s;
            q.is_finite() && (q - q.round()).abs() < 1e-9
        }
    }
}

fn multiple_of(out: &mut Vec<KeywordChange>, a: Option<Num>, b: Option<Num>) {
    let same = match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => num_eq(x, y),
        _ => false,
    };
    if same {
        return;
    }
    let side =
        |v: Option<Num>| v.map(|n| (format!("multipleOf: {n}"), format!("a multiple of {n}")));
    let class = match (a, b) {
        (Some(x), Some(y)) => Some(if divides(x, y) {
            Class::Tighter
        } else if divides(y, x) {
            Class::Looser
        } else {
            Class::Changed
        }),
        _ => None,
    };
    push(out, side(a), side(b), class);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c() -> Constraints {
        Constraints::default()
    }

    fn only(a: Constraints, b: Constraints) -> KeywordChange {
        let mut v = compare(&a, &b);
        assert_eq!(v.len(), 1, "{v:?}");
        v.remove(0)
    }

    #[test]
    fn max_items_added_is_tighter() {
        let k = only(
            c(),
            Constraints {
                max_items: Some(200),
                ..c()
            },
        );
        assert_eq!((k.kind, k.class), (Kind::ConstraintAdded, Class::Tighter));
        assert_eq!(k.new.as_deref(), Some("maxItems: 200"));
        assert_eq!(k.rule, "at most 200 items");
    }

    #[test]
    fn zero_minimums_are_no_constraint() {
        // Compared as validation sees them: effective constraints.
        use crate::ir::{Api, Shape, TypeRef};
        let api = Api::for_tests(vec![], vec![]);
        let string = TypeRef::String { format: None };
        let array = TypeRef::Array(Box::new(Shape {
            ty: string.clone(),
            nullable: false,
            constraints: c(),
        }));
        let effective = |ty: &TypeRef, constraints: Constraints| {
            Shape {
                ty: ty.clone(),
                nullable: false,
                constraints,
            }
            .effective_constraints(&api)
        };
        let zeros = Constraints {
            min_items: Some(0),
            min_length: Some(0),
            ..c()
        };
        for ty in [&string, &array] {
            assert!(compare(&effective(ty, c()), &effective(ty, zeros.clone())).is_empty());
        }
        let k = only(
            effective(&array, c()),
            effective(
                &array,
                Constraints {
                    min_items: Some(1),
                    ..c()
                },
            ),
        );
        assert_eq!(k.class, Class::Tighter);
    }

    #[test]
    fn count_directions() {
        let lo = |n| Constraints {
            min_length: Some(n),
            ..c()
        };
        let hi = |n| Constraints {
            max_length: Some(n),
            ..c()
        };
        assert_eq!(only(lo(1), lo(2)).class, Class::Tighter);
        assert_eq!(only(lo(2), lo(1)).kind, Kind::ConstraintLoosened);
        assert_eq!(only(hi(10), hi(5)).kind, Kind::ConstraintTightened);
        assert_eq!(only(hi(5), hi(10)).class, Class::Looser);
        assert_eq!(only(hi(5), c()).kind, Kind::ConstraintRemoved);
        assert_eq!(
            only(hi(5), hi(10)).was.as_deref(),
            Some("at most 5 characters")
        );
    }

    #[test]
    fn bounds_and_exclusive_forms() {
        let min = |v: i64, exclusive| Constraints {
            minimum: Some(Bound {
                value: Num::Int(v),
                exclusive,
            }),
            ..c()
        };
        let max = |v: f64, exclusive| Constraints {
            maximum: Some(Bound {
                value: Num::Float(v),
                exclusive,
            }),
            ..c()
        };
        assert_eq!(only(min(0, false), min(1, false)).class, Class::Tighter);
        assert_eq!(only(min(1, false), min(0, false)).class, Class::Looser);
        assert_eq!(only(min(0, false), min(0, true)).class, Class::Tighter);
        assert_eq!(only(min(0, true), min(0, false)).class, Class::Looser);
        assert_eq!(only(max(1.5, false), max(1.0, false)).class, Class::Tighter);
        assert_eq!(only(max(1.0, true), max(1.0, false)).class, Class::Looser);
        assert_eq!(only(max(1.0, false), max(1.0, true)).rule, "less than 1");
        assert_eq!(
            only(c(), min(5, true)).new.as_deref(),
            Some("minimum: 5 (exclusive)")
        );
        // Int and float forms of the same number are the same bound.
        let a = Constraints {
            minimum: Some(Bound {
                value: Num::Int(2),
                exclusive: false,
            }),
            ..c()
        };
        let b = Constraints {
            minimum: Some(Bound {
                value: Num::Float(2.0),
                exclusive: false,
            }),
            ..c()
        };
        assert!(compare(&a, &b).is_empty());
        // NaN never panics and is "changed".
        let n = Constraints {
            maximum: Some(Bound {
                value: Num::Float(f64::NAN),
                exclusive: false,
            }),
            ..c()
        };
        assert_eq!(only(max(1.0, false), n).class, Class::Changed);
    }

    #[test]
    fn multiple_of_and_pattern() {
        let m = |n| Constraints {
            multiple_of: Some(Num::Int(n)),
            ..c()
        };
        assert_eq!(only(m(2), m(4)).class, Class::Tighter);
        assert_eq!(only(m(4), m(2)).class, Class::Looser);
        assert_eq!(only(m(2), m(3)).class, Class::Changed);
        assert_eq!(only(m(0), m(3)).class, Class::Looser);
        let p = |s: &str| Constraints {
            pattern: Some(s.into()),
            ..c()
        };
        assert_eq!(only(p("^a$"), p("^b$")).kind, Kind::ConstraintChanged);
        assert_eq!(only(c(), p("^a$")).kind, Kind::ConstraintAdded);
        assert_eq!(only(p("^a$"), c()).class, Class::Looser);
    }
}
