// @ts-check
// Shows the scope fields that belong to the chosen role and disables the rest, so their values are not sent.
const role = document.querySelector("[data-scope-role]");
if (role) {
    const groups = [...document.querySelectorAll("fieldset[data-roles]")];
    const apply = () => {
        for (const group of groups) {
            const fits = group.dataset.roles.split(" ").includes(role.value);
            group.hidden = !fits;
            group.disabled = !fits;
        }
    };
    role.addEventListener("change", apply);
    apply();
}
