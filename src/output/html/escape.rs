//! Escaping user text (school and teacher names, warnings, ids) for HTML
//! text and attribute values alike: a name like `<b>王"明</b>` must show as
//! written and never become markup in the bureau's browser.

/// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, so the
/// result is safe as element text (HTML and inline SVG) and inside a quoted
/// attribute.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn markup_and_quotes_become_entities() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }

    #[test]
    fn chinese_text_is_unchanged() {
        assert_eq!(esc("永乐县实验小学"), "永乐县实验小学");
    }
}
