/** Renderer entry: Vue app with Pinia, the hash router and vue-i18n, mounted on #app. */
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'

createApp(App).use(createPinia()).use(i18n).use(createAppRouter()).mount('#app')
