import type { FormInstance, FormProps } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import type { SummaryError } from '../components/error-summary';
import { ApiError } from './api-client';

type FinishFailedInfo = Parameters<NonNullable<FormProps['onFinishFailed']>>[0];

/** Turns anything a request can throw into text a person can act on. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '操作未能完成，请稍后再试';
  return error.status >= 500 && error.requestId ? `${error.message}（请求编号 ${error.requestId}）` : error.message;
}

/**
 * Feeds one antd form's errors (its own rules and the server's field issues) into an ErrorSummary.
 * antd gives each control the id `<formName>_<field>`, which is what the summary links to.
 */
export function useFormErrors(form: FormInstance, formName: string) {
  const [errors, setErrors] = useState<SummaryError[]>([]);

  const onFinishFailed = useCallback(
    ({ errorFields }: FinishFailedInfo) => {
      setErrors(
        errorFields.flatMap((field) => field.errors.map((message) => ({ message, fieldId: `${formName}_${field.name.join('_')}` }))),
      );
    },
    [formName],
  );

  const showError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.issues.length === 0) {
        setErrors([{ message: errorMessage(error) }]);
        return;
      }
      const fieldNames = new Set(Object.keys(form.getFieldsValue() as object));
      const summary: SummaryError[] = [];
      for (const issue of error.issues) {
        const name = issue.field.replace(/^(body|query|params)\./, '');
        if (fieldNames.has(name)) {
          form.setFields([{ name, errors: [issue.message] }]);
          summary.push({ message: `${issue.label}：${issue.message}`, fieldId: `${formName}_${name}` });
        } else {
          summary.push({ message: `${issue.label}：${issue.message}` });
        }
      }
      setErrors(summary);
    },
    [form, formName],
  );

  const clear = useCallback(() => setErrors([]), []);

  return useMemo(() => ({ errors, onFinishFailed, showError, clear }), [errors, onFinishFailed, showError, clear]);
}
