;;;; Time (CLHS 25.1.4): decoding and encoding universal time, SLEEP and
;;;; TIME, over the clocks in builtins/time.rs. Time zones are hours west
;;;; of Greenwich, rationals in multiples of 1/3600 between -24 and 24. The
;;;; local zone comes from TZ (see time.rs: UTC unless TZ gives a fixed
;;;; offset); daylight saving time is never known, so it is reported as NIL.

(in-package "CLOVE-SYSTEM")

(defconstant internal-time-units-per-second 1000000)

(defun %local-zone () (/ (%local-time-zone) 3600))

(defun %check-time-zone (zone)
  (unless (and (rationalp zone) (<= -24 zone 24) (integerp (* zone 3600)))
    (error 'simple-type-error :datum zone :expected-type '(rational -24 24)
                              :format-control "~S is not a time zone: hours west of Greenwich, a multiple of 1/3600 between -24 and 24."
                              :format-arguments (list zone)))
  zone)

(defun %check-time-field (value low high name)
  (unless (and (integerp value) (<= low value high))
    (let ((type `(integer ,low ,high)))
      (error 'simple-type-error :datum value :expected-type type
                                :format-control "The ~A ~S is not of type ~S."
                                :format-arguments (list name value type))))
  value)

;;; Days are counted from 1900-01-01 (a Monday), in the proleptic
;;; Gregorian calendar; a 400-year cycle has 146097 days. Computing from
;;; March 1st puts the leap day at the end of the year.

(defun %days-from-civil (year month day)
  (let* ((y (if (<= month 2) (1- year) year))
         (era (floor y 400))
         (year-of-era (- y (* era 400)))
         (day-of-year (+ (floor (+ (* 153 (if (> month 2) (- month 3) (+ month 9))) 2) 5) (1- day)))
         (day-of-era (+ (* year-of-era 365) (floor year-of-era 4) (- (floor year-of-era 100)) day-of-year)))
    ;; 693901: days from 0000-03-01 to 1900-01-01.
    (- (+ (* era 146097) day-of-era) 693901)))

(defun %civil-from-days (days)
  ;; (values year month day) of the day DAYS after 1900-01-01.
  (let* ((z (+ days 693901))
         (era (floor z 146097))
         (day-of-era (- z (* era 146097)))
         (year-of-era (floor (- (+ (- day-of-era (floor day-of-era 1460)) (floor day-of-era 36524))
                                (floor day-of-era 146096))
                             365))
         (day-of-year (- day-of-era (+ (* 365 year-of-era) (floor year-of-era 4) (- (floor year-of-era 100)))))
         (mp (floor (+ (* 5 day-of-year) 2) 153))
         (day (1+ (- day-of-year (floor (+ (* 153 mp) 2) 5))))
         (month (if (< mp 10) (+ mp 3) (- mp 9)))
         (year (+ year-of-era (* era 400))))
    (values (if (<= month 2) (1+ year) year) month day)))

(defun decode-universal-time (universal-time &optional time-zone)
  (unless (and (integerp universal-time) (>= universal-time 0))
    (error 'simple-type-error :datum universal-time :expected-type 'unsigned-byte
                              :format-control "~S is not a universal time (a non-negative integer)."
                              :format-arguments (list universal-time)))
  (let ((zone (if time-zone (%check-time-zone time-zone) (%local-zone))))
    (multiple-value-bind (days seconds) (floor (- universal-time (* zone 3600)) 86400)
      (multiple-value-bind (year month date) (%civil-from-days days)
        (values (mod seconds 60) (mod (floor seconds 60) 60) (floor seconds 3600)
                date month year (mod days 7) nil zone)))))

(defun get-decoded-time () (decode-universal-time (get-universal-time)))

(defun %full-year (year)
  ;; Years 0-99 mean the year within 50 years of the current one.
  (if (>= year 100)
      year
      (let* ((now (nth-value 5 (decode-universal-time (get-universal-time) 0)))
             (candidate (+ year (* 100 (floor now 100)))))
        (cond ((> (- candidate now) 50) (- candidate 100))
              ((> (- now candidate) 50) (+ candidate 100))
              (t candidate)))))

(defun encode-universal-time (second minute hour date month year &optional time-zone)
  (%check-time-field second 0 59 "second")
  (%check-time-field minute 0 59 "minute")
  (%check-time-field hour 0 23 "hour")
  (%check-time-field date 1 31 "date")
  (%check-time-field month 1 12 "month")
  (unless (and (integerp year) (>= year 0))
    (error 'simple-type-error :datum year :expected-type 'unsigned-byte
                              :format-control "The year ~S is not a non-negative integer."
                              :format-arguments (list year)))
  (let* ((zone (if time-zone (%check-time-zone time-zone) (%local-zone)))
         (time (+ (* 86400 (%days-from-civil (%full-year year) month date))
                  (* 3600 hour) (* 60 minute) second (* 3600 zone))))
    (when (minusp time)
      (error 'simple-type-error :datum time :expected-type 'unsigned-byte
                                :format-control "The time ~D-~D-~D ~D:~D:~D (zone ~S) is before 1900-01-01 00:00 UTC, the universal time origin."
                                :format-arguments (list year month date hour minute second zone)))
    time))

(defun sleep (seconds)
  (unless (and (realp seconds) (not (minusp seconds)))
    (error 'simple-type-error :datum seconds :expected-type '(real 0)
                              :format-control "SLEEP needs a non-negative number of seconds, not ~S."
                              :format-arguments (list seconds)))
  (let ((deadline (+ (get-internal-real-time) (ceiling (* seconds internal-time-units-per-second)))))
    ;; Waits in slices, so an interrupt (Ctrl-C) is handled while sleeping.
    (do () ((%sleep-until deadline)))
    nil))

(defun %print-seconds (micros what stream)
  (multiple-value-bind (seconds fraction) (floor micros internal-time-units-per-second)
    (format stream "~&  ~D.~6,'0D seconds of ~A~%" seconds fraction what)))

(defun %time (thunk)
  (let ((real (get-internal-real-time)) (run (get-internal-run-time)))
    (multiple-value-prog1 (funcall thunk)
      (let ((real (- (get-internal-real-time) real)) (run (- (get-internal-run-time) run)))
        (format *trace-output* "~&Evaluation took:~%")
        (%print-seconds real "real time" *trace-output*)
        (%print-seconds run "run time" *trace-output*)))))

(defmacro time (form)
  `(%time (lambda () ,form)))
