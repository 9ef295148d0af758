;;;; FORMAT's number directives (CLHS 22.3.2, 22.3.3): ~D ~B ~O ~X ~R
;;;; (radix, English cardinal and ordinal, Roman numerals) and the float
;;;; directives ~F ~E ~G ~$, laid out as SBCL does. Float digits come from
;;;; the primitives %FLONUM-TO-DIGITS and %SCALE-EXPONENT (format_float.rs).

(in-package "CLOVE-SYSTEM")

;;;; Integers: ~D ~B ~O ~X ~nR

(defun %fmt-add-commas (digits commachar interval)
  ;; DIGITS with COMMACHAR between groups of INTERVAL, counted from the right.
  (let ((out nil) (n 0))
    (do ((k (1- (length digits)) (1- k))) ((< k 0))
      (when (and (> n 0) (zerop (mod n interval))) (push commachar out))
      (push (char digits k) out)
      (setq n (1+ n)))
    (coerce out 'string)))

(defun %fmt-print-integer (stream dir arg base params)
  ;; PARAMS: mincol padchar commachar comma-interval.
  (if (integerp arg)
      (let* ((digits (write-to-string (abs arg) :base base :radix nil :escape nil))
             (digits (if (svref dir +fd-colon+)
                         (%fmt-add-commas digits (or (nth 2 params) #\,)
                                          (%fmt-check-param dir (or (nth 3 params) 3) (lambda (n) (and (integerp n) (> n 0)))
                                                            '(integer 1) "comma-interval"))
                         digits))
             (sign (cond ((minusp arg) "-") ((svref dir +fd-at+) "+") (t ""))))
        (%fmt-write-field stream (concatenate 'string sign digits)
                          (or (nth 0 params) 0) 1 0 (or (nth 1 params) #\Space) t))
      (let ((*print-base* base) (*print-radix* nil))
        (princ arg stream))))

(defun %fmt-integer-directive (base)
  (lambda (stream dir)
    (let ((params (%fmt-params dir)))
      (if (or params (svref dir +fd-colon+) (svref dir +fd-at+))
          (%fmt-print-integer stream dir (%fmt-next-arg dir) base params)
          (let ((*print-base* base) (*print-radix* nil))
            (princ (%fmt-next-arg dir) stream))))))

(%def-format-directive '(#\D) 4 '(:colon :at :both) (%fmt-integer-directive 10))
(%def-format-directive '(#\B) 4 '(:colon :at :both) (%fmt-integer-directive 2))
(%def-format-directive '(#\O) 4 '(:colon :at :both) (%fmt-integer-directive 8))
(%def-format-directive '(#\X) 4 '(:colon :at :both) (%fmt-integer-directive 16))

;;;; ~R without a radix: English and Roman

(defvar *fmt-ones* #(nil "one" "two" "three" "four" "five" "six" "seven" "eight" "nine"))
(defvar *fmt-teens* #("ten" "eleven" "twelve" "thirteen" "fourteen" "fifteen" "sixteen"
                      "seventeen" "eighteen" "nineteen"))
(defvar *fmt-tens* #(nil nil "twenty" "thirty" "forty" "fifty" "sixty" "seventy" "eighty" "ninety"))
(defvar *fmt-ordinal-ones* #(nil "first" "second" "third" "fourth" "fifth" "sixth" "seventh"
                             "eighth" "ninth"))
(defvar *fmt-ordinal-tens* #(nil "tenth" "twentieth" "thirtieth" "fortieth" "fiftieth" "sixtieth"
                             "seventieth" "eightieth" "ninetieth"))
(defvar *fmt-periods*
  #("" " thousand" " million" " billion" " trillion" " quadrillion" " quintillion" " sextillion"
    " septillion" " octillion" " nonillion" " decillion" " undecillion" " duodecillion"
    " tredecillion" " quattuordecillion" " quindecillion" " sexdecillion" " septendecillion"
    " octodecillion" " novemdecillion" " vigintillion"))

(defun %fmt-english-below-1000 (stream n)
  (multiple-value-bind (hundreds rest) (truncate n 100)
    (when (plusp hundreds)
      (write-string (svref *fmt-ones* hundreds) stream)
      (write-string " hundred" stream)
      (when (plusp rest) (write-char #\Space stream)))
    (when (plusp rest)
      (multiple-value-bind (tens ones) (truncate rest 10)
        (cond ((> tens 1)
               (write-string (svref *fmt-tens* tens) stream)
               (when (plusp ones)
                 (write-char #\- stream)
                 (write-string (svref *fmt-ones* ones) stream)))
              ((= tens 1) (write-string (svref *fmt-teens* ones) stream))
              (t (write-string (svref *fmt-ones* ones) stream)))))))

(defun %fmt-english-periods (stream n period whole)
  ;; N (positive) as groups of three digits, PERIOD being the lowest one's.
  (when (> period 21)
    (error "Number too large to print in English: ~:D" whole))
  (multiple-value-bind (above here) (truncate n 1000)
    (unless (zerop above)
      (%fmt-english-periods stream above (1+ period) whole))
    (unless (zerop here)
      (unless (zerop above) (write-char #\Space stream))
      (%fmt-english-below-1000 stream here)
      (write-string (svref *fmt-periods* period) stream))))

(defun %fmt-cardinal (stream n)
  (cond ((minusp n)
         (write-string "negative " stream)
         (%fmt-english-periods stream (- n) 0 n))
        ((zerop n) (write-string "zero" stream))
        (t (%fmt-english-periods stream n 0 n))))

(defun %fmt-ordinal (stream n)
  (when (minusp n) (write-string "negative " stream))
  (let ((n (abs n)))
    (multiple-value-bind (top bottom) (truncate n 100)
      (unless (zerop top) (%fmt-cardinal stream (- n bottom)))
      (when (and (plusp top) (plusp bottom)) (write-char #\Space stream))
      (multiple-value-bind (tens ones) (truncate bottom 10)
        (cond ((= bottom 12) (write-string "twelfth" stream))
              ((= tens 1)
               (write-string (svref *fmt-teens* ones) stream)
               (write-string "th" stream))
              ((and (zerop tens) (plusp ones))
               (write-string (svref *fmt-ordinal-ones* ones) stream))
              ((and (zerop ones) (plusp tens))
               (write-string (svref *fmt-ordinal-tens* tens) stream))
              ((plusp bottom)
               (write-string (svref *fmt-tens* tens) stream)
               (write-char #\- stream)
               (write-string (svref *fmt-ordinal-ones* ones) stream))
              ((plusp n) (write-string "th" stream))
              (t (write-string "zeroth" stream)))))))

(defun %fmt-roman (stream n old)
  ;; Roman numerals; OLD writes 4 as IIII rather than IV.
  (if old
      (unless (< 0 n 5000) (error "Number too large to print in old Roman numerals: ~:D" n))
      (unless (< 0 n 4000) (error "Number too large to print in Roman numerals: ~:D" n)))
  (dolist (step (if old
                    '((1000 "M") (500 "D") (100 "C") (50 "L") (10 "X") (5 "V") (1 "I"))
                    '((1000 "M") (900 "CM") (500 "D") (400 "CD") (100 "C") (90 "XC") (50 "L")
                      (40 "XL") (10 "X") (9 "IX") (5 "V") (4 "IV") (1 "I"))))
    (loop-while (>= n (car step))
      (write-string (cadr step) stream)
      (setq n (- n (car step))))))

(%def-format-directive '(#\R) 5 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((params (%fmt-params dir))
           (base (car params))
           (arg (%fmt-next-arg dir)))
      (cond (base
             (%fmt-check-param dir base (lambda (n) (and (integerp n) (<= 2 n 36))) '(integer 2 36) "radix")
             (%fmt-print-integer stream dir arg base (cdr params)))
            ((not (integerp arg)) (%fd-error dir "~S is not of type INTEGER." arg))
            ((svref dir +fd-at+) (%fmt-roman stream arg (svref dir +fd-colon+)))
            ((svref dir +fd-colon+) (%fmt-ordinal stream arg))
            (t (%fmt-cardinal stream arg))))))

;;;; Floats: ~F ~E ~G ~$

(defun %float-special-p (x)
  ;; Infinity or NaN.
  (or (/= x x) (> (abs x) most-positive-double-float)))

(defun %float-negative-p (x)
  (minusp (float-sign x)))

(defun %flonum-to-string (x &optional width fdigits scale fmin)
  ;; The digits of X (non-negative) with a decimal point, SBCL's way:
  ;; FDIGITS digits after the point, or as many as fit in WIDTH, scaled by
  ;; 10^SCALE, at least FMIN fraction digits. Returns the string, its
  ;; length, whether the point leads, whether it trails, and its position.
  (multiple-value-bind (e digits)
      (cond (fdigits
             (%flonum-to-digits x (min (- (+ fdigits (or scale 0))) (- (or fmin 0)))))
            ((and width (> width 1))
             (multiple-value-bind (e1 d1)
                 (%flonum-to-digits x (max 1 (+ (1- width) (if (and scale (minusp scale)) scale 0))) t)
               (multiple-value-bind (e2 d2)
                   (%flonum-to-digits x (- (+ (or fmin 0) (or scale 0))))
                 (if (>= (length d1) (length d2)) (values e1 d1) (values e2 d2)))))
            (t (%flonum-to-digits x)))
    (let* ((e (if (zerop x) e (+ e (or scale 0))))
           (len (length digits))
           (s (make-string-output-stream)))
      (if (plusp e)
          (progn
            (write-string digits s :end (min len e))
            (dotimes (i (- e len)) (write-char #\0 s))
            (write-char #\. s)
            (write-string digits s :start (min len e))
            (when fdigits
              (dotimes (i (- fdigits (- len (min len e)))) (write-char #\0 s))))
          (progn
            (write-char #\. s)
            (dotimes (i (- e)) (write-char #\0 s))
            (write-string digits s :end (when fdigits (min len (max (or fmin 0) (+ fdigits e)))))
            (when fdigits
              (dotimes (i (+ fdigits e (- len))) (write-char #\0 s)))))
      (let ((out (get-output-stream-string s)))
        (values out (length out) (char= (char out 0) #\.)
                (char= (char out (1- (length out))) #\.) (position #\. out))))))

(defun %fmt-fixed-aux (stream number w d k ovf pad atsign)
  ;; ~F on a float. Returns true when the field overflowed (for ~G).
  (if (%float-special-p number)
      (progn (prin1 number stream) nil)
      (let ((spaceleft w))
        (when (and w (or atsign (%float-negative-p number)))
          (setq spaceleft (1- spaceleft)))
        (multiple-value-bind (str len lpoint tpoint)
            (%flonum-to-string (abs number) spaceleft d k)
          (when (eql d 0) (setq tpoint nil))
          (when w
            (setq spaceleft (- spaceleft len))
            ;; The optional zeros before and after the point go first.
            (when lpoint
              (if (or (> spaceleft 0) tpoint)
                  (setq spaceleft (1- spaceleft))
                  (setq lpoint nil)))
            (when tpoint
              (if (> spaceleft 0)
                  (setq spaceleft (1- spaceleft))
                  (setq tpoint nil))))
          (cond ((and w (< spaceleft 0) ovf)
                 (dotimes (i w) (write-char ovf stream))
                 t)
                (t
                 (%fmt-float-body stream number (and w spaceleft) pad atsign lpoint str tpoint)
                 nil))))))

(defun %fmt-float-body (stream number padding pad atsign lpoint digits tpoint)
  ;; PADDING pad characters, the sign, a leading 0 if LPOINT, the DIGITS,
  ;; a trailing 0 if TPOINT: the mantissa part of ~F and ~E.
  (when padding (dotimes (i padding) (write-char pad stream)))
  (cond ((%float-negative-p number) (write-char #\- stream))
        (atsign (write-char #\+ stream)))
  (when lpoint (write-char #\0 stream))
  (write-string digits stream)
  (when tpoint (write-char #\0 stream)))

(defun %fmt-not-float (stream number w pad)
  ;; A non-real argument to a float directive: ~wA (complexes ~wD).
  (if (numberp number)
      (%fmt-write-field stream (let ((*print-base* 10)) (princ-to-string number)) (or w 0) 1 0 #\Space t)
      (let ((*print-base* 10))
        (%fmt-write-field stream (princ-to-string number) (or w 0) 1 0 pad nil))))

(%def-format-directive '(#\F) 5 '(:at)
  (lambda (stream dir)
    (let* ((p (%fmt-params dir))
           (w (nth 0 p)) (d (nth 1 p)) (k (nth 2 p)) (ovf (nth 3 p)) (pad (or (nth 4 p) #\Space)))
      (%fmt-float-arg stream dir w pad
                      (lambda (x) (%fmt-fixed-aux stream x w d k ovf pad (svref dir +fd-at+)))))))

(defun %fmt-float-arg (stream dir w pad print)
  ;; Calls PRINT on the next argument as a float (a rational becomes a
  ;; single float); a non-real argument prints as by ~wA.
  (let ((number (%fmt-next-arg dir)))
    (cond ((floatp number) (funcall print number))
          ((rationalp number) (funcall print (coerce number 'single-float)))
          (t (%fmt-not-float stream number w pad)))))

(defun %fmt-exponent-marker (number)
  (let ((single (= (float-digits number) 24)))
    (if (eq single (if (member *read-default-float-format* '(single-float short-float)) t nil))
        #\e
        (if single #\f #\d))))

(defun %fmt-exp-aux (stream number w d e k ovf pad marker atsign)
  (if (%float-special-p number)
      (prin1 number stream)
      (multiple-value-bind (num expt) (%scale-exponent (abs number))
        (let* ((k (if (= num 1) (1- k) k))
               (expt (- expt k))
               (estr (write-to-string (abs expt) :base 10 :radix nil :escape nil))
               (elen (if e (max (length estr) e) (length estr)))
               (spaceleft nil))
          (when w
            (setq spaceleft (- w 2 elen))
            (when (or atsign (%float-negative-p number))
              (setq spaceleft (1- spaceleft))))
          (if (and w ovf e (> elen e))
              (dotimes (i w) (write-char ovf stream))
              (let* ((fdig (if d (if (plusp k) (1+ (- d k)) d) nil))
                     (fmin (if (minusp k) 1 fdig)))
                (multiple-value-bind (fstr flen lpoint tpoint)
                    (%flonum-to-string num spaceleft fdig k fmin)
                  (when (eql fdig 0) (setq tpoint nil))
                  (when w
                    (setq spaceleft (- spaceleft flen))
                    (when lpoint
                      (if (or (> spaceleft 0) tpoint)
                          (setq spaceleft (1- spaceleft))
                          (setq lpoint nil)))
                    (when tpoint
                      (if (<= spaceleft 0)
                          (setq tpoint nil)
                          (setq spaceleft (1- spaceleft)))))
                  (if (and w (< spaceleft 0) ovf)
                      (dotimes (i w) (write-char ovf stream))
                      (progn
                        (%fmt-float-body stream number (and w spaceleft) pad atsign lpoint fstr tpoint)
                        (write-char (or marker (%fmt-exponent-marker number)) stream)
                        (write-char (if (minusp expt) #\- #\+) stream)
                        (when e (dotimes (i (- e (length estr))) (write-char #\0 stream)))
                        (write-string estr stream))))))))))

(%def-format-directive '(#\E) 7 '(:at)
  (lambda (stream dir)
    (let* ((p (%fmt-params dir))
           (w (nth 0 p)) (d (nth 1 p)) (e (nth 2 p)) (k (or (nth 3 p) 1))
           (ovf (nth 4 p)) (pad (or (nth 5 p) #\Space)) (mark (nth 6 p)))
      (%fmt-float-arg stream dir w pad
                      (lambda (x) (%fmt-exp-aux stream x w d e k ovf pad mark (svref dir +fd-at+)))))))

(defun %fmt-general-aux (stream number w d e k ovf pad marker atsign)
  (if (%float-special-p number)
      (prin1 number stream)
      (let ((n (nth-value 1 (%scale-exponent (abs number)))))
        ;; d defaults to enough digits to show the number exactly.
        (unless d
          (let* ((len (nth-value 1 (%flonum-to-string (abs number))))
                 (q (if (= len 1) 1 (1- len))))
            (setq d (max q (min n 7)))))
        (let* ((ee (if e (+ e 2) 4))
               (ww (if w (- w ee) nil))
               (dd (- d n)))
          (if (<= 0 dd d)
              (let ((char (if (%fmt-fixed-aux stream number ww dd nil ovf pad atsign) ovf #\Space)))
                (dotimes (i ee) (write-char char stream)))
              (%fmt-exp-aux stream number w d e (or k 1) ovf pad marker atsign))))))

(%def-format-directive '(#\G) 7 '(:at)
  (lambda (stream dir)
    (let* ((p (%fmt-params dir))
           (w (nth 0 p)) (d (nth 1 p)) (e (nth 2 p)) (k (nth 3 p))
           (ovf (nth 4 p)) (pad (or (nth 5 p) #\Space)) (mark (nth 6 p)))
      (%fmt-float-arg stream dir w pad
                      (lambda (x) (%fmt-general-aux stream x w d e k ovf pad mark (svref dir +fd-at+)))))))

(defun %fmt-dollars (stream number d n w pad colon atsign)
  (when (rationalp number) (setq number (coerce number 'single-float)))
  (if (floatp number)
      (let* ((sign (cond ((%float-negative-p number) "-") (atsign "+") (t ""))))
        (if (%float-special-p number)
            (%fmt-write-field stream (prin1-to-string number) w 1 0 #\Space t)
            (multiple-value-bind (str len lpoint tpoint point)
                (%flonum-to-string (abs number) nil d nil)
              (declare (ignore len lpoint tpoint))
              (when colon (write-string sign stream))
              (dotimes (i (- w (length sign) (max n point) 1 d)) (write-char pad stream))
              (unless colon (write-string sign stream))
              (dotimes (i (- n point)) (write-char #\0 stream))
              (write-string str stream))))
      (let ((*print-base* 10))
        (%fmt-write-field stream (princ-to-string number) w 1 0 #\Space t))))

(%def-format-directive '(#\$) 4 '(:colon :at :both)
  (lambda (stream dir)
    (let* ((p (%fmt-params dir)))
      (%fmt-dollars stream (%fmt-next-arg dir) (or (nth 0 p) 2) (or (nth 1 p) 1) (or (nth 2 p) 0)
                    (or (nth 3 p) #\Space) (svref dir +fd-colon+) (svref dir +fd-at+)))))
