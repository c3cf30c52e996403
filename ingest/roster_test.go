package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hindsight-sre/hindsight"
)

func TestReadRoster(t *testing.T) {
	f, err := os.Open("testdata/roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	people, err := ReadRoster(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []hindsight.Person{
		{Handle: "amara.o", Name: "Amara Okafor", Role: "incident commander"},
		{Handle: "Jin Park", Name: "Jin Park", Role: "on-call engineer, database"},
		{Handle: "sam-contractor", Role: "communications lead"},
	}
	if len(people) != len(want) {
		t.Fatalf("%+v", people)
	}
	for i := range want {
		if !reflect.DeepEqual(people[i], want[i]) {
			t.Errorf("person %d: %+v, want %+v", i, people[i], want[i])
		}
	}
}

func TestReadRosterShapes(t *testing.T) {
	tests := []struct {
		name, csv string
		want      []hindsight.Person
	}{
		{"columns in another order, extra column", "role,email,handle\nscribe,a@x,amara\n", []hindsight.Person{{Handle: "amara", Role: "scribe"}}},
		{"header in capitals with a BOM", "\ufeffHandle, Name, Role\njin, Jin Park, on-call\n", []hindsight.Person{{Handle: "jin", Name: "Jin Park", Role: "on-call"}}},
		{"header only", "handle,name,role\n", nil},
		{"aliases column", "handle,name,role,aliases\nmarek,Marek Kowalski,on-call,\"Marek K; U04QJ7K2M1A ;\"\n",
			[]hindsight.Person{{Handle: "marek", Name: "Marek Kowalski", Role: "on-call", Aliases: []string{"Marek K", "U04QJ7K2M1A"}}}},
	}
	for _, tt := range tests {
		people, err := ReadRoster(strings.NewReader(tt.csv))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(people, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, people, tt.want)
		}
	}
}

func TestReadRosterErrors(t *testing.T) {
	tests := []struct{ name, csv, want string }{
		{"empty", "", "roster:1: the roster is empty"},
		{"no header", "amara,Amara,IC\n", `roster:1: expected a header line naming the columns handle,name,role, got "amara,Amara,IC"`},
		{"missing field", "handle,name,role\namara,Amara,IC\n\njin,Jin\n", "roster:4: expected 3 fields (handle,name,role), got 2"},
		{"empty role", "handle,name,role\namara,Amara,\n", "roster:2: the role of amara is empty"},
		{"empty handle", "handle,name,role\n,Amara,IC\n", "roster:2: the handle is empty"},
		{"duplicate", "handle,name,role\namara,A,IC\nAmara,B,scribe\n", "roster:3: handle Amara is already on line 2"},
		{"bad quote", "handle,name,role\namara,\"Amara,IC\n", "roster:2: extraneous or missing \" in quoted-field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRoster(strings.NewReader(tt.csv))
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error\n %v\nwant a *ParseError starting\n %s", err, tt.want)
			}
		})
	}
	// An *os.File names itself in the error.
	path := filepath.Join(t.TempDir(), "team.csv")
	if err := os.WriteFile(path, []byte("handle,role\nx\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := ReadRoster(f); err == nil || !strings.HasPrefix(err.Error(), path+":2: expected 2 fields") {
		t.Errorf("error %v, want it to name %s:2", err, path)
	}
}
