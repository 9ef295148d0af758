;;;; Concatenate-source operations: one source file for a
;;;; system or for a system and its dependencies.

(uiop:define-package :asdf/concatenate-source
  (:use :uiop/common-lisp :uiop :asdf/upgrade :asdf/component :asdf/operation :asdf/system :asdf/action :asdf/lisp-action :asdf/plan :asdf/bundle)
  (:export #:compile-concatenated-source-op #:concatenate-source-op
    #:load-compiled-concatenated-source-op #:load-concatenated-source-op
    #:monolithic-compile-concatenated-source-op
    #:monolithic-concatenate-source-op
    #:monolithic-load-compiled-concatenated-source-op
    #:monolithic-load-concatenated-source-op))

(in-package :asdf/concatenate-source)

;;; Four steps, each with a plain and a monolithic operation: concatenate
;;; the sources (NAME--system.lisp or NAME--all-systems.lisp, where the
;;; fasls go), load that file as source, compile it, load its fasl.

(defclass basic-concatenate-source-op (bundle-op) ()
  (:documentation "The operations that write a system's Lisp sources, in load order,
into one file."))

(defmethod bundle-type ((o basic-concatenate-source-op)) "lisp")

(defclass basic-load-concatenated-source-op (basic-load-op selfward-operation) ()
  (:documentation "The operations that load a concatenated source file as source."))

(defclass basic-compile-concatenated-source-op (basic-compile-op selfward-operation) ()
  (:documentation "The operations that compile a concatenated source file."))

(defclass basic-load-compiled-concatenated-source-op (basic-load-op selfward-operation) ()
  (:documentation "The operations that load the fasl of a concatenated source file."))

(defclass concatenate-source-op (basic-concatenate-source-op non-propagating-operation) ()
  (:documentation "Writes the system's own Lisp files, in load order, into one file,
NAME--system.lisp."))

(defclass load-concatenated-source-op (basic-load-concatenated-source-op)
  ((selfward-operation :initform '(prepare-op concatenate-source-op) :allocation :class))
  (:documentation "Loads, as source, the file CONCATENATE-SOURCE-OP writes, once the
system's dependencies are loaded."))

(defclass compile-concatenated-source-op (basic-compile-concatenated-source-op)
  ((selfward-operation :initform '(prepare-op concatenate-source-op) :allocation :class))
  (:documentation "Compiles the file CONCATENATE-SOURCE-OP writes, once the system's
dependencies are loaded."))

(defclass load-compiled-concatenated-source-op (basic-load-compiled-concatenated-source-op)
  ((selfward-operation :initform '(prepare-op compile-concatenated-source-op) :allocation :class))
  (:documentation "Loads the fasl COMPILE-CONCATENATED-SOURCE-OP makes."))

(defclass monolithic-concatenate-source-op
    (basic-concatenate-source-op monolithic-bundle-op non-propagating-operation) ()
  (:documentation "Writes the Lisp files of the system and of every system it depends
on (but the built-in ones), in load order, into one file, NAME--all-systems.lisp."))

(defclass monolithic-load-concatenated-source-op (basic-load-concatenated-source-op)
  ((selfward-operation :initform 'monolithic-concatenate-source-op :allocation :class))
  (:documentation "Loads, as source, the file MONOLITHIC-CONCATENATE-SOURCE-OP writes."))

(defclass monolithic-compile-concatenated-source-op (basic-compile-concatenated-source-op)
  ((selfward-operation :initform 'monolithic-concatenate-source-op :allocation :class))
  (:documentation "Compiles the file MONOLITHIC-CONCATENATE-SOURCE-OP writes."))

(defclass monolithic-load-compiled-concatenated-source-op
    (basic-load-compiled-concatenated-source-op)
  ((selfward-operation :initform 'monolithic-compile-concatenated-source-op :allocation :class))
  (:documentation "Loads the fasl MONOLITHIC-COMPILE-CONCATENATED-SOURCE-OP makes."))

;;; The sources are those of the files compiled to load the system, in load
;;; order. The file is read with the system's encoding and compiled with its
;;; :around-compile hook: a source file that says otherwise is warned about.
(defmethod input-files ((o basic-concatenate-source-op) (s system))
  (let ((encoding (or (component-encoding s) *default-encoding*))
        (hook (around-compile-hook s))
        (other-encodings '())
        (other-hooks '())
        (files '()))
    (dolist (c (required-components s :goal-operation 'load-op
                                      :keep-operation 'basic-compile-op
                                      :other-systems (operation-monolithic-p o)))
      (when (typep c 'cl-source-file)
        (let ((e (component-encoding c)))
          (unless (or (equal e encoding) (and (equal e :ascii) (equal encoding :utf-8)))
            (let ((entry (assoc e other-encodings)))
              (if entry
                  (push (component-find-path c) (cdr entry))
                  (push (list e (component-find-path c)) other-encodings)))))
        (unless (equal hook (around-compile-hook c))
          (push (component-find-path c) other-hooks))
        (setf files (revappend (input-files (make-operation 'compile-op) c) files))))
    (when other-encodings
      (warn "~S uses encoding ~A but has sources that use these encodings:~{ ~A~}"
            o encoding
            (mapcar (lambda (entry) (list (car entry) (reverse (cdr entry)))) other-encodings)))
    (when other-hooks
      (warn "~S uses around-compile hook ~A but has sources that use these hooks: ~A"
            o hook other-hooks))
    (nreverse files)))

(defun concatenated-source-step (o)
  "The operation whose output the concatenated-source operation O reads: the last of
its selfward operations."
  (car (last (ensure-list (selfward-operation o)))))

;;; ASDF 3.3.6 takes the .asd file (what PREPARE-OP reads) for the input of the
;;; plain operations; clove reads the file the previous step wrote.
(defmethod input-files ((o basic-load-concatenated-source-op) (s system))
  (output-files (concatenated-source-step o) s))

(defmethod input-files ((o basic-compile-concatenated-source-op) (s system))
  (output-files (concatenated-source-step o) s))

(defmethod input-files ((o basic-load-compiled-concatenated-source-op) (s system))
  (output-files (concatenated-source-step o) s))

(defmethod output-files ((o basic-compile-concatenated-source-op) (s system))
  (lisp-compilation-output-files o s))

(defmethod perform ((o basic-concatenate-source-op) (s system))
  (let ((output (first (output-files o s))))
    (with-staging-pathname (output)
      (concatenate-files (input-files o s) output))))

(defmethod perform ((o basic-load-concatenated-source-op) (s system))
  (perform-lisp-load-source o s))

(defmethod perform ((o basic-compile-concatenated-source-op) (s system))
  (perform-lisp-compilation o s))

(defmethod perform ((o basic-load-compiled-concatenated-source-op) (s system))
  (perform-lisp-load-fasl o s))
