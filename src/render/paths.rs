//! The folder of every page, and the way back to the site root: the site's URL scheme in one place.

use crate::lang::Lang;

/// The home page of a language.
pub(crate) fn home(lang: Lang) -> String {
    format!("{lang}/")
}
/// A goal area's page.
pub(crate) fn goal(lang: Lang, id: &str) -> String {
    format!("{lang}/goals/{id}/")
}
/// A policy's page.
pub(crate) fn policy(lang: Lang, id: &str) -> String {
    format!("{lang}/policies/{id}/")
}
/// The methodology page.
pub(crate) fn methodology(lang: Lang) -> String {
    format!("{lang}/methodology/")
}
/// A free page.
pub(crate) fn page(lang: Lang, name: &str) -> String {
    format!("{lang}/{name}/")
}
/// A related plan's page.
pub(crate) fn activation_plan(lang: Lang, name: &str) -> String {
    format!("{lang}/activation-plans/{name}/")
}
/// The page of what changed since the previous year.
pub(crate) fn changes(lang: Lang) -> String {
    format!("{lang}/changes/")
}
/// The list of past editions.
pub(crate) fn editions(lang: Lang) -> String {
    format!("{lang}/editions/")
}
/// The search page.
pub(crate) fn search(lang: Lang) -> String {
    format!("{lang}/search/")
}
/// The downloads page.
pub(crate) fn data(lang: Lang) -> String {
    format!("{lang}/data/")
}
/// The accessibility statement.
pub(crate) fn accessibility(lang: Lang) -> String {
    format!("{lang}/accessibility/")
}

/// The anchor of an action's indicator on its policy page: `1-1-1-1.2` for the second.
pub(crate) fn indicator_anchor(action_id: &str, index: usize) -> String {
    format!("{action_id}.{}", index + 1)
}

/// The relative path from the page in folder `from` to the site root.
pub(crate) fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}
