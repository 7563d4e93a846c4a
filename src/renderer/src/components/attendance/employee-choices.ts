import type { Employee } from '../../../../shared/models'

/** Employees as choices of a ChoiceSelect: their codes, shown as "Name (code)". */
export function employeeChoices(employees: readonly Employee[]): { choices: string[]; text: (code: string) => string } {
  const byCode = new Map(employees.map((e) => [e.code, e]))
  return {
    choices: employees.map((e) => e.code),
    text: (code) => {
      const employee = byCode.get(code)
      return employee ? `${employee.name} (${employee.code})` : code
    }
  }
}
