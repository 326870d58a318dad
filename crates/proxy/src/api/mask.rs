//! Contact data is masked before it reaches a browser: anyone holding a
//! link id may resolve it, and the widget never needs a shopper's full
//! name, phone number or e-mail address.

use amwal_core::api::Transaction;

/// Keeps a phone number's first 4 and last 2 characters.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 6 {
        return "•".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 2..].iter().collect();
    format!("{head}{}{tail}", "•".repeat(chars.len() - 6))
}

/// Keeps an e-mail's first character and its domain.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

/// Keeps a name's first letter.
pub fn mask_name(name: &str) -> String {
    let first: String = name.trim().chars().take(1).collect();
    format!("{first}•••")
}

pub fn mask_contacts(tx: &mut Transaction) {
    tx.client_first_name = tx.client_first_name.as_deref().map(mask_name);
    tx.client_last_name = tx.client_last_name.as_deref().map(mask_name);
    tx.client_phone_number = tx.client_phone_number.as_deref().map(mask_phone);
    tx.client_email = tx.client_email.as_deref().map(mask_email);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_a_names_first_letter() {
        assert_eq!(mask_name("Ahmed"), "A•••");
        assert_eq!(mask_name(" أحمد"), "أ•••");
        assert_eq!(mask_name(""), "•••");
    }

    #[test]
    fn masks_the_middle_of_a_phone_number() {
        assert_eq!(mask_phone("+966501234567"), "+966•••••••67");
        assert_eq!(mask_phone("123"), "•••");
    }

    #[test]
    fn masks_the_local_part_of_an_email() {
        assert_eq!(mask_email("ahmed@example.com"), "a•••@example.com");
        assert_eq!(mask_email("nonsense"), "•••");
    }
}
