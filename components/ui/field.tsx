// Form fields: the label is tied to the control, the hint and the error are referenced by
// aria-describedby, and an error is announced (role="alert" when it appears).
import { useId, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";
import { cx } from "@/components/ui/cx";

type FieldChrome = {
  label: string;
  hint?: string;
  error?: string | string[];
  required?: boolean;
  className?: string;
};

function firstError(error: string | string[] | undefined): string | undefined {
  return Array.isArray(error) ? error[0] : error;
}

const CONTROL =
  "block w-full rounded-8 border bg-white px-4 py-3 text-std-16N-170 text-solid-gray-800 placeholder:text-solid-gray-420 disabled:bg-solid-gray-50 disabled:text-solid-gray-420";

function controlBorder(invalid: boolean) {
  return invalid ? "border-2 border-error-1" : "border-solid-gray-600 hover:border-black";
}

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={htmlFor} className="mb-2 block text-std-17B-170 text-solid-gray-800">
      {label}
      {/* The control's required attribute already tells assistive technology; the badge is for sight. */}
      {required ? (
        <span aria-hidden="true" className="ml-2 rounded-4 bg-error-1 px-1.5 py-0.5 text-dns-14B-120 text-white">
          必須
        </span>
      ) : null}
    </label>
  );
}

function Describe({ hintId, hint, errorId, error }: { hintId: string; hint?: string; errorId: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="mb-2 text-std-16N-170 text-solid-gray-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} role="alert" className="mb-2 text-std-16B-170 text-error-1">
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(hint: string | undefined, hintId: string, error: string | undefined, errorId: string) {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
}

export type TextFieldProps = FieldChrome & Omit<InputHTMLAttributes<HTMLInputElement>, "className">;

export function TextField({ label, hint, error, required, className, id, ...input }: TextFieldProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const err = firstError(error);
  return (
    <div className={cx("mb-6", className)}>
      <Label htmlFor={inputId} label={label} required={required} />
      <Describe hintId={`${inputId}-hint`} hint={hint} errorId={`${inputId}-error`} error={err} />
      <input
        id={inputId}
        required={required}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(hint, `${inputId}-hint`, err, `${inputId}-error`)}
        className={cx(CONTROL, controlBorder(Boolean(err)))}
        {...input}
      />
    </div>
  );
}

export type TextAreaProps = FieldChrome & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "className">;

export function TextArea({ label, hint, error, required, className, id, ...textarea }: TextAreaProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const err = firstError(error);
  return (
    <div className={cx("mb-6", className)}>
      <Label htmlFor={inputId} label={label} required={required} />
      <Describe hintId={`${inputId}-hint`} hint={hint} errorId={`${inputId}-error`} error={err} />
      <textarea
        id={inputId}
        required={required}
        aria-invalid={err ? true : undefined}
        aria-describedby={describedBy(hint, `${inputId}-hint`, err, `${inputId}-error`)}
        className={cx(CONTROL, controlBorder(Boolean(err)), "min-h-32")}
        {...textarea}
      />
    </div>
  );
}

export type SelectOption = { value: string; label: string };
export type SelectProps = FieldChrome & Omit<SelectHTMLAttributes<HTMLSelectElement>, "className"> & { options: SelectOption[]; placeholder?: string };

export function Select({ label, hint, error, required, className, id, options, placeholder, ...select }: SelectProps) {
  const autoId = useId();
  const selectId = id ?? autoId;
  const err = firstError(error);
  return (
    <div className={cx("mb-6", className)}>
      <Label htmlFor={selectId} label={label} required={required} />
      <Describe hintId={`${selectId}-hint`} hint={hint} errorId={`${selectId}-error`} error={err} />
      <div className="relative">
        <select
          id={selectId}
          required={required}
          aria-invalid={err ? true : undefined}
          aria-describedby={describedBy(hint, `${selectId}-hint`, err, `${selectId}-error`)}
          className={cx(CONTROL, controlBorder(Boolean(err)), "appearance-none pr-10")}
          {...select}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <span aria-hidden="true" className="pointer-events-none absolute right-4 top-1/2 -translate-y-1/2 text-solid-gray-800">
          ▾
        </span>
      </div>
    </div>
  );
}

export type ChoiceOption = { value: string; label: string; description?: string };

/** A group of checkboxes or radio buttons in a fieldset whose legend is the question. */
export function ChoiceGroup({
  type,
  name,
  legend,
  options,
  defaultValue,
  hint,
  error,
  required,
  className,
  inline,
}: {
  type: "checkbox" | "radio";
  name: string;
  legend: string;
  options: ChoiceOption[];
  defaultValue?: string | string[];
  hint?: string;
  error?: string | string[];
  required?: boolean;
  className?: string;
  inline?: boolean;
}) {
  const groupId = useId();
  const err = firstError(error);
  const selected = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : []);
  return (
    <fieldset
      className={cx("mb-6", className)}
      aria-describedby={describedBy(hint, `${groupId}-hint`, err, `${groupId}-error`)}
      aria-invalid={err ? true : undefined}
    >
      <legend className="mb-2 text-std-17B-170 text-solid-gray-800">
        {legend}
        {required ? (
          <>
            <span aria-hidden="true" className="ml-2 rounded-4 bg-error-1 px-1.5 py-0.5 text-dns-14B-120 text-white">
              必須
            </span>
            <span className="sr-only">（必須）</span>
          </>
        ) : null}
      </legend>
      <Describe hintId={`${groupId}-hint`} hint={hint} errorId={`${groupId}-error`} error={err} />
      <div className={inline ? "flex flex-wrap gap-x-6 gap-y-2" : "space-y-2"}>
        {options.map((option) => {
          const optionId = `${groupId}-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-3">
              <input
                id={optionId}
                type={type}
                name={name}
                value={option.value}
                defaultChecked={selected.has(option.value)}
                required={type === "radio" ? required : undefined}
                aria-describedby={option.description ? `${optionId}-desc` : undefined}
                className="mt-1 size-6 shrink-0 cursor-pointer accent-blue-900"
              />
              <label htmlFor={optionId} className="cursor-pointer text-std-16N-170">
                {option.label}
                {option.description ? (
                  <span id={`${optionId}-desc`} className="block text-dns-14N-130 text-solid-gray-600">
                    {option.description}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** A single checkbox with its label (e.g. consent). */
export function Checkbox({ label, name, defaultChecked, value = "on", description }: { label: string; name: string; defaultChecked?: boolean; value?: string; description?: string }) {
  const id = useId();
  return (
    <div className="mb-4 flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        defaultChecked={defaultChecked}
        aria-describedby={description ? `${id}-desc` : undefined}
        className="mt-1 size-6 shrink-0 cursor-pointer accent-blue-900"
      />
      <label htmlFor={id} className="cursor-pointer text-std-16N-170">
        {label}
        {description ? (
          <span id={`${id}-desc`} className="block text-dns-14N-130 text-solid-gray-600">
            {description}
          </span>
        ) : null}
      </label>
    </div>
  );
}
