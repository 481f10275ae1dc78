//! Text from clients is plain text: no control characters. They have no place in a name,
//! a title or a reference, a spreadsheet or a terminal may act on them, and PostgreSQL
//! refuses NUL in a text column outright (a request would fail with an internal error on
//! PostgreSQL while SQLite stored it). Every body that carries client text is checked
//! here, at the edge, before anything is stored or decided, so the answer is the same
//! typed refusal on every database.

use serde::Serialize;
use serde_json::Value;

/// The first string in `value` holding a control character (Unicode category Cc, NUL to
/// U+001F and U+007F to U+009F, line breaks and tabs included), as the dotted path of the
/// field that holds it (`"title"`, `"command.agenda_items"`) and the character.
pub fn control_character(value: &Value) -> Option<(String, char)> {
    fn walk(value: &Value, path: &mut Vec<String>) -> Option<(String, char)> {
        match value {
            Value::String(s) => s
                .chars()
                .find(|c| c.is_control())
                .map(|c| (path.join("."), c)),
            Value::Array(items) => items.iter().find_map(|v| walk(v, path)),
            Value::Object(fields) => fields.iter().find_map(|(k, v)| {
                path.push(k.clone());
                let found = walk(v, path);
                path.pop();
                found
            }),
            Value::Null | Value::Bool(_) | Value::Number(_) => None,
        }
    }
    walk(value, &mut Vec::new())
}

/// The sentence that refuses `field` for holding `c`.
pub fn refusal(field: &str, c: char) -> String {
    let field = if field.is_empty() { "text" } else { field };
    format!(
        "The field {field} contains a control character (U+{:04X}); names, titles and other texts must be plain text.",
        u32::from(c)
    )
}

/// `Err(message)` if any string in `body` holds a control character.
pub fn check(body: &impl Serialize) -> Result<(), String> {
    let value = serde_json::to_value(body).map_err(|e| e.to_string())?;
    match control_character(&value) {
        Some((field, c)) => Err(refusal(&field, c)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_the_field_that_holds_a_control_character() {
        assert_eq!(control_character(&json!({"title": "Plenary"})), None);
        assert_eq!(
            control_character(&json!({"title": "Ple\u{0}nary"})),
            Some(("title".into(), '\0'))
        );
        assert_eq!(
            control_character(
                &json!({"command": {"type": "publish", "agenda_items": ["4", "5\u{1b}"]}})
            ),
            Some(("command.agenda_items".into(), '\u{1b}'))
        );
        assert_eq!(
            control_character(&json!({"name": "a\nb"})),
            Some(("name".into(), '\n'))
        );
        // Letters and marks of every script are plain text; so are bidirectional marks,
        // which are format characters (Cf), not control characters.
        assert_eq!(
            control_character(&json!({"name": "Côte d’Ivoire — الإمارات — 中国 \u{200f}"})),
            None
        );
        assert!(refusal("title", '\0').contains("title"));
        assert!(refusal("title", '\0').contains("U+0000"));
    }
}
