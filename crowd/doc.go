// Package crowd is how busy a scenic area is: its capacity as LB/T
// 034-2014 (景区最大承载量核定导则) defines it, the number of visitors in
// it now from the admissions its gates record and the exits they count
// or a stated dwell time estimates, and a level (舒适, 较舒适, 拥挤, 饱和)
// from the share of the instantaneous capacity in use.
//
// It is pure: no storage, no network, no clock of its own; the caller
// passes "now" in, and the platform's day is China time.
package crowd
