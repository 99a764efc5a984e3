package platform

import (
	"context"
	"net/http"
)

// CheckIn checks the holder of code in at the service hall hallID and
// returns their number in the day's queue. It needs no sign-in: the code
// names the resident. Repeating it gives the same number.
func (c *Client) CheckIn(ctx context.Context, hallID, code string) (CheckIn, error) {
	var v CheckIn
	_, body, err := c.do(ctx, call{method: http.MethodPost, path: "/v1/halls/{hall}/check-ins",
		params: map[string]string{"hall": hallID}, body: CheckInRequest{Code: code}})
	if err == nil {
		err = decode("check-in", body, &v)
	}
	return v, err
}
