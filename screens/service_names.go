package screens

import (
	"jiangsupass/offline"
)

// The service items' Chinese strings (names, audiences, themes,
// departments, handling levels, notes, the generated guide) are shown in
// the reader's language through Env.ServiceNames; Simplified Chinese, and
// a string with no translation, show the data's own wording.

// svc is a Chinese string of a service item in the reader's language.
func (e *Env) svc(zh string) string { return e.ServiceNames.In(e.L.Lang(), zh) }

// svcTranslating reports whether the service strings are shown
// translated: in every language but Simplified Chinese.
func (e *Env) svcTranslating() bool { return e.L.Lang() != offline.LangZhHans }

// guideIn is an item's generated guide in the reader's language: the
// same guide, its wording translated, and its summary made again from the
// translated name, theme and department. In Simplified Chinese it is g.
func guideIn(env *Env, it offline.ServiceItem, g offline.ServiceGuide) offline.ServiceGuide {
	if !env.svcTranslating() {
		return g
	}
	g.Summary = env.L.Tf("ServiceItemSummary", map[string]any{
		"Name": env.svc(it.Name), "Theme": env.svc(it.Theme), "Department": env.svc(it.Department)})
	g.Applicant, g.TimeLimit, g.Fee = env.svc(g.Applicant), env.svc(g.TimeLimit), env.svc(g.Fee)
	materials := make([]string, len(g.Materials))
	for i, m := range g.Materials {
		materials[i] = env.svc(m)
	}
	g.Materials = materials
	return g
}
