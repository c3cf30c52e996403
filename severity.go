package hindsight

// SeverityLevel is one level of an organisation's severity scale.
type SeverityLevel struct {
	Name        string `json:"name" yaml:"name"`
	Description string `json:"description" yaml:"description"`
	// PostmortemRequired says whether incidents at this level need a postmortem.
	PostmortemRequired bool `json:"postmortem_required" yaml:"postmortem_required"`
}

// Scale is a severity scale, most severe level first.
type Scale struct {
	Levels []SeverityLevel `json:"levels" yaml:"levels"`
}

// DefaultScale is the scale used when an organisation sets none.
var DefaultScale = Scale{Levels: []SeverityLevel{
	{Name: "SEV1", Description: "Critical: most users cannot use a core service, data was lost or exposed", PostmortemRequired: true},
	{Name: "SEV2", Description: "Major: a core service is degraded for many users, or a feature is down for all", PostmortemRequired: true},
	{Name: "SEV3", Description: "Minor: a small share of users or a non-core feature is affected", PostmortemRequired: false},
	{Name: "SEV4", Description: "Low: no user-visible impact; a near miss worth noting", PostmortemRequired: false},
}}

// Level returns the level with the given name.
func (s Scale) Level(name string) (SeverityLevel, bool) {
	for _, l := range s.Levels {
		if l.Name == name {
			return l, true
		}
	}
	return SeverityLevel{}, false
}

// Names lists the level names, most severe first.
func (s Scale) Names() []string {
	out := make([]string, len(s.Levels))
	for i, l := range s.Levels {
		out[i] = l.Name
	}
	return out
}
