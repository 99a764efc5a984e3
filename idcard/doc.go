// Package idcard checks the identity documents a visitor books a ticket
// with (real-name booking, 实名制): the resident identity card (居民身份证,
// GB 11643-1999), passports, the Mainland Travel Permit for Hong Kong and
// Macao residents (港澳居民来往内地通行证) and the Mainland Travel Permit for
// Taiwan residents (台湾居民来往大陆通行证).
//
// A resident identity number is checked for its ISO 7064 MOD 11-2 check
// digit, a real date of birth that is not in the future, and a known region
// code: in Jiangsu (32xxxx) the six-digit code must be a division the app
// knows (the caller passes them, from the store's divisions); elsewhere the
// two-digit province code must be one of GB/T 2260's (11–82). The old
// 15-digit form is accepted by converting it to 18 digits (a 19xx year and a
// computed check digit), and then checked the same way.
//
// The package does not import Fyne.
package idcard
