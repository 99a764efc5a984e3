package screens

import "net/url"

// CheckInRoute checks a resident in at a service hall, with the code a
// scanner has read already, or "" to wait for one.
func CheckInRoute(hall, code string) Route {
	v := url.Values{"hall": {hall}}
	if code != "" {
		v.Set("code", code)
	}
	return Route{Screen: CheckInID, Param: v.Encode()}
}

// checkInOf reads a check-in route: the hall, and the code scanned, if
// any.
func checkInOf(r Route) (hall, code string) {
	q, _ := url.ParseQuery(r.Param)
	return q.Get("hall"), q.Get("code")
}
