/**
 * Employee codes, names and departments for the attendance screens' choosers (filter by
 * employee or department, add a missing punch, schedule an employee), loaded once per screen
 * with `listEmployees`; the admin's employees list keeps its own search-filtered copy.
 */
import { computed, ref } from 'vue'
import { useApi } from '../api/use-api'
import type { Employee } from '../../../shared/models'

/** Loads every employee once; exposes them sorted by name and the departments in use. */
export function useEmployeeDirectory() {
  const api = useApi()
  const employees = ref<Employee[]>([])
  const departments = computed(() => [...new Set(employees.value.map((e) => e.department).filter((d) => d !== ''))].sort((a, b) => a.localeCompare(b)))

  /** (Re)loads the list; a failure leaves it as it was, the choosers then accept typed text. */
  async function load(): Promise<void> {
    const result = await api.listEmployees({})
    if (result.ok) employees.value = result.value
  }

  return { employees, departments, load }
}
