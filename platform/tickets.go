package platform

// TicketKind is one kind of ticket an attraction sells: its kind on the
// wire (TicketProduct.Kind), its name and its price as a share of the
// adult price.
type TicketKind struct {
	Kind string
	Name Text
	// PercentOfAdult is the price as a percentage of the adult ticket's.
	PercentOfAdult int64
}

// TicketKinds are the kinds of ticket the platform generates for every
// attraction, adult first: the one table both the reference server and
// the app's samples make products from.
func TicketKinds() []TicketKind {
	return []TicketKind{
		{"adult", Text{LangZhHans: "成人票", LangEn: "Adult"}, 100},
		{"child", Text{LangZhHans: "儿童票", LangEn: "Child"}, 50},
		{"senior", Text{LangZhHans: "老年票", LangEn: "Senior"}, 50},
		{"student", Text{LangZhHans: "学生票", LangEn: "Student"}, 50},
	}
}
